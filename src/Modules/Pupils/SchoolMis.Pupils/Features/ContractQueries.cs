using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Platform;
using SchoolMis.Pupils.Contracts;
using SchoolMis.Pupils.Data;

namespace SchoolMis.Pupils.Features;

public sealed class CountPupilsOnRollHandler(PupilsDbContext db, TimeProvider clock) : IQueryHandler<CountPupilsOnRollQuery, PupilRollCount>
{
    private static readonly string[] YearOrder = ["E1", "E2", "N1", "N2", "R", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "X"];

    public async ValueTask<PupilRollCount> Handle(CountPupilsOnRollQuery query, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var byYear = await db.Pupils.AsNoTracking()
            .Where(p => p.AdmissionDate <= today && (p.LeavingDate == null || p.LeavingDate > today))
            .GroupBy(p => p.NcYear)
            .Select(g => new NcYearCount(g.Key, g.Count()))
            .ToListAsync(cancellationToken);
        var ordered = byYear.OrderBy(c => Array.IndexOf(YearOrder, c.NcYear) is var i && i < 0 ? int.MaxValue : i).ToList();
        var groups = await db.RegistrationGroups.CountAsync(cancellationToken);
        return new PupilRollCount(ordered.Sum(c => c.Pupils), ordered, groups);
    }
}

public sealed class GetPupilSummariesHandler(PupilsDbContext db) : IQueryHandler<GetPupilSummariesQuery, IReadOnlyList<PupilSummary>>
{
    public async ValueTask<IReadOnlyList<PupilSummary>> Handle(GetPupilSummariesQuery query, CancellationToken cancellationToken)
    {
        var ids = query.PupilIds.Distinct().ToList();
        return await db.Pupils.AsNoTracking().Where(p => ids.Contains(p.Id))
            .OrderBy(p => p.Surname).ThenBy(p => p.Forename)
            .Select(p => new PupilSummary(p.Id, p.Upn, p.Surname, p.Forename, p.PreferredForename, p.NcYear, p.RegistrationGroupId, p.AdmissionNumber))
            .ToListAsync(cancellationToken);
    }
}

public sealed class GetRegistrationGroupRollHandler(PupilsDbContext db) : IQueryHandler<GetRegistrationGroupRollQuery, IReadOnlyList<PupilSummary>>
{
    public async ValueTask<IReadOnlyList<PupilSummary>> Handle(GetRegistrationGroupRollQuery query, CancellationToken cancellationToken)
    {
        var date = query.Date;
        return await db.Pupils.AsNoTracking()
            .Where(p => p.RegistrationGroupId == query.RegistrationGroupId && p.AdmissionDate <= date && (p.LeavingDate == null || p.LeavingDate > date))
            .OrderBy(p => p.Surname).ThenBy(p => p.Forename)
            .Select(p => new PupilSummary(p.Id, p.Upn, p.Surname, p.Forename, p.PreferredForename, p.NcYear, p.RegistrationGroupId, p.AdmissionNumber))
            .ToListAsync(cancellationToken);
    }
}
