using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Meals.Contracts;
using SchoolMis.Meals.Data;

namespace SchoolMis.Meals.Features;

public sealed class GetSchoolLunchTakenHandler(MealsDbContext db) : IQueryHandler<GetSchoolLunchTakenQuery, IReadOnlyList<PupilSchoolLunch>>
{
    public async ValueTask<IReadOnlyList<PupilSchoolLunch>> Handle(GetSchoolLunchTakenQuery query, CancellationToken cancellationToken) =>
        await db.Meals.AsNoTracking().Where(m => m.Date == query.Date)
            .Join(db.MealTypes, m => m.MealTypeId, t => t.Id, (m, t) => new PupilSchoolLunch(m.PupilId, t.CountsAsSchoolLunch))
            .ToListAsync(cancellationToken);
}

public sealed class GetFsmPeriodsHandler(MealsDbContext db) : IQueryHandler<GetFsmPeriodsQuery, IReadOnlyList<FsmPeriodInfo>>
{
    public async ValueTask<IReadOnlyList<FsmPeriodInfo>> Handle(GetFsmPeriodsQuery query, CancellationToken cancellationToken) =>
        await db.FsmPeriods.AsNoTracking()
            .Where(p => p.StartDate <= query.To && (p.EndDate == null || p.EndDate >= query.From))
            .OrderBy(p => p.PupilId).ThenBy(p => p.StartDate)
            .Select(p => new FsmPeriodInfo(p.PupilId, p.StartDate, p.EndDate, p.UkCountry))
            .ToListAsync(cancellationToken);
}

public sealed class GetFsmReviewDateHandler(MealsDbContext db) : IQueryHandler<GetFsmReviewDateQuery, DateOnly?>
{
    public async ValueTask<DateOnly?> Handle(GetFsmReviewDateQuery query, CancellationToken cancellationToken) =>
        await db.FsmReviews.AsNoTracking().Where(r => r.PupilId == query.PupilId).Select(r => (DateOnly?)r.ReviewDate).FirstOrDefaultAsync(cancellationToken);
}
