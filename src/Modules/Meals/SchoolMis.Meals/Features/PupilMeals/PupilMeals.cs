using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Meals.Data;
using SchoolMis.Meals.Domain;
using SchoolMis.Platform;
using SchoolMis.Platform.Auditing;
using SchoolMis.Platform.Messaging;
using SchoolMis.Platform.Security;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Meals.Features.PupilMeals;

/// <summary>
/// A pupil's meals page: Universal Infant FSM (from the year group), recent meals, and for school admins only the
/// FSM eligibility periods and review date.
/// </summary>
public sealed record GetPupilMealsQuery(Guid PupilId) : IQuery<PupilMealsView>;

/// <param name="Fsm">FSM eligibility; null when the reader may not see it (teachers).</param>
public sealed record PupilMealsView(Guid PupilId, string Name, string NcYear, bool UniversalInfant, IReadOnlyList<PupilMeal> RecentMeals, PupilFsm? Fsm);

public sealed record PupilMeal(DateOnly Date, string MealType, bool SchoolLunch, bool? Paid);

/// <param name="History">Every change to the pupil's FSM periods, review date and recent meals (who, when, what), newest first.</param>
public sealed record PupilFsm(bool EligibleToday, DateOnly? ReviewDate, IReadOnlyList<FsmPeriodItem> Periods, IReadOnlyList<AuditRecord> History);

public sealed record FsmPeriodItem(Guid FsmPeriodId, DateOnly StartDate, DateOnly? EndDate, string UkCountry, string RecordedBy, DateTimeOffset RecordedAt);

public sealed class GetPupilMealsHandler(MealsDbContext db, ISender sender, ICurrentUser user, TimeProvider clock) : IQueryHandler<GetPupilMealsQuery, PupilMealsView>
{
    public async ValueTask<PupilMealsView> Handle(GetPupilMealsQuery query, CancellationToken cancellationToken)
    {
        var pupil = (await sender.Send(new GetPupilSummariesQuery([query.PupilId]), cancellationToken)).SingleOrDefault()
            ?? throw new NotFoundException("No such pupil at this school.");
        await MealsAccess.CheckPupilAsync(user, sender, pupil, cancellationToken);
        var showsFsm = !MealsAccess.IsTeacher(user);
        var meals = await db.Meals.AsNoTracking().Where(m => m.PupilId == pupil.PupilId)
            .OrderByDescending(m => m.Date).Take(20)
            .Join(db.MealTypes, m => m.MealTypeId, t => t.Id, (m, t) => new { m.Id, m.Date, t.Name, t.CountsAsSchoolLunch, m.Paid })
            .ToListAsync(cancellationToken);
        PupilFsm? fsm = null;
        if (showsFsm)
        {
            var periods = await db.FsmPeriods.AsNoTracking().Where(p => p.PupilId == pupil.PupilId).OrderBy(p => p.StartDate)
                .Select(p => new FsmPeriodItem(p.Id, p.StartDate, p.EndDate, p.UkCountry, p.RecordedBy, p.RecordedAt))
                .ToListAsync(cancellationToken);
            var review = await db.FsmReviews.AsNoTracking().Where(r => r.PupilId == pupil.PupilId).Select(r => (DateOnly?)r.ReviewDate)
                .FirstOrDefaultAsync(cancellationToken);
            var today = clock.Today();
            fsm = new PupilFsm(periods.Any(p => p.StartDate <= today && (p.EndDate is null || p.EndDate >= today)), review, periods,
                await HistoryAsync(pupil.PupilId, meals.Select(m => m.Id).ToList(), cancellationToken));
        }
        return new PupilMealsView(pupil.PupilId, pupil.RegisterName, pupil.NcYear, FsmRules.IsUniversalInfant(pupil.NcYear),
            meals.Select(m => new PupilMeal(m.Date, m.Name, m.CountsAsSchoolLunch, showsFsm ? m.Paid : null)).ToList(), fsm);
    }

    /// <summary>
    /// The audit trail of the pupil's FSM records, including periods since removed (found by the pupil id their
    /// "added" entry carries), and of the meals shown.
    /// </summary>
    private async Task<IReadOnlyList<AuditRecord>> HistoryAsync(Guid pupilId, IReadOnlyList<Guid> mealIds, CancellationToken ct)
    {
        var pupil = pupilId.ToString();
        var fsmIds = await db.Set<AuditEntry>().AsNoTracking()
            .Where(a => (a.EntityType == nameof(FsmPeriod) || a.EntityType == nameof(FsmReview)) && a.Action == "Added" && a.ChangesJson.Contains(pupil))
            .Select(a => a.EntityId).ToListAsync(ct);
        var history = new List<AuditRecord>();
        history.AddRange(await db.AuditTrailAsync<FsmPeriod>(fsmIds, ct));
        history.AddRange(await db.AuditTrailAsync<FsmReview>(fsmIds, ct));
        // Meal types by name rather than by id, as the office knows them.
        var types = await db.MealTypes.AsNoTracking().ToDictionaryAsync(t => t.Id.ToString(), t => t.Name, ct);
        string? Named(string? id) => id is not null && types.TryGetValue(id, out var name) ? name : id;
        history.AddRange((await db.AuditTrailAsync<MealRecord>(mealIds, ct)).Select(h => h with
        {
            Changes = h.Changes.Where(c => c.Key is not (nameof(MealRecord.PupilId) or nameof(MealRecord.RegistrationGroupId)))
                .ToDictionary(c => c.Key == nameof(MealRecord.MealTypeId) ? "Meal" : c.Key,
                    c => c.Key == nameof(MealRecord.MealTypeId) ? new AuditChange(Named(c.Value.Old), Named(c.Value.New)) : c.Value),
        }));
        return history.OrderByDescending(h => h.ChangedAt).ToList();
    }
}
