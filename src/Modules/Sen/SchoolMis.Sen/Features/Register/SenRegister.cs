using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Platform;
using SchoolMis.Pupils.Contracts;
using SchoolMis.Sen.Contracts;
using SchoolMis.Sen.Data;
using SchoolMis.Sen.Domain;

namespace SchoolMis.Sen.Features.Register;

/// <summary>
/// The SEN register: pupils on roll today whose current provision is not N, with their needs and EHC review dates;
/// filtered by provision, need type (either rank) and NC year. Teachers see only the pupils of groups they tutor.
/// </summary>
public sealed record GetSenRegisterQuery(string? Provision = null, string? Need = null, string? NcYear = null) : IQuery<SenRegister>;

public sealed record SenRegister(IReadOnlyList<SenRegisterRow> Rows, IReadOnlyList<string> NcYears);

public sealed record SenRegisterRow(Guid PupilId, string Name, string NcYear, string? Group, string Provision, DateOnly? Since,
    IReadOnlyList<(string Type, int Rank)> Needs, DateOnly? ReviewDue, bool ReviewOverdue);

public sealed class GetSenRegisterHandler(SenDbContext db, SenAccess access, ISender sender, TimeProvider clock)
    : IQueryHandler<GetSenRegisterQuery, SenRegister>
{
    public async ValueTask<SenRegister> Handle(GetSenRegisterQuery query, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var visible = await access.VisibleGroupsAsync(cancellationToken);
        var pupils = (await sender.Send(new GetPupilsOnRollQuery(today), cancellationToken))
            .Where(p => visible is null || p.RegistrationGroupId is { } g && visible.Contains(g))
            .ToDictionary(p => p.PupilId);
        var groups = (await sender.Send(new GetRegistrationGroupsQuery(), cancellationToken)).ToDictionary(g => g.RegistrationGroupId, g => g.Code);

        var current = await db.Periods.AsNoTracking()
            .Where(p => p.Provision != SenCodes.NoSen && (p.StartDate == null || p.StartDate <= today) && (p.EndDate == null || p.EndDate >= today))
            .ToListAsync(cancellationToken);
        var rows = current
            .Where(p => pupils.ContainsKey(p.PupilId))
            .Where(p => query.Provision is not { Length: > 0 } || p.Provision == query.Provision)
            .Where(p => query.Need is not { Length: > 0 } || p.PrimaryNeed == query.Need || p.SecondaryNeed == query.Need)
            .Select(p => (Period: p, Pupil: pupils[p.PupilId]))
            .Where(x => query.NcYear is not { Length: > 0 } || x.Pupil.NcYear == query.NcYear)
            .OrderBy(x => x.Pupil.Surname).ThenBy(x => x.Pupil.Forename)
            .Select(x => new SenRegisterRow(x.Pupil.PupilId, x.Pupil.RegisterName, x.Pupil.NcYear,
                x.Pupil.RegistrationGroupId is { } g ? groups.GetValueOrDefault(g) : null, x.Period.Provision, x.Period.StartDate,
                x.Period.Needs, x.Period.ReviewDue, x.Period.ReviewOverdue(today)))
            .ToList();
        var years = pupils.Values.Select(p => p.NcYear).Distinct().OrderBy(y => int.TryParse(y, out var n) ? n : -1).ThenBy(y => y).ToList();
        return new SenRegister(rows, years);
    }
}

/// <summary>The census contract: each pupil's provision and ranked needs on a date.</summary>
public sealed class GetSenStatusHandler(SenDbContext db) : IQueryHandler<GetSenStatusQuery, IReadOnlyList<PupilSenStatus>>
{
    public async ValueTask<IReadOnlyList<PupilSenStatus>> Handle(GetSenStatusQuery query, CancellationToken cancellationToken)
    {
        var date = query.Date;
        var periods = db.Periods.AsNoTracking().Where(p => (p.StartDate == null || p.StartDate <= date) && (p.EndDate == null || p.EndDate >= date));
        if (query.PupilIds is { } ids)
        {
            var list = ids.Distinct().ToList();
            periods = periods.Where(p => list.Contains(p.PupilId));
        }
        return (await periods.ToListAsync(cancellationToken))
            .Select(p => new PupilSenStatus(p.PupilId, p.Provision, [.. p.Needs.Select(n => new SenNeedRank(n.Type, n.Rank))], p.SenUnit, p.ResourcedProvision))
            .ToList();
    }
}

public sealed class GetPupilSenHistoryHandler(SenDbContext db) : IQueryHandler<GetPupilSenHistoryQuery, IReadOnlyList<SenPeriodInfo>>
{
    public async ValueTask<IReadOnlyList<SenPeriodInfo>> Handle(GetPupilSenHistoryQuery query, CancellationToken cancellationToken) =>
        [.. (await db.Periods.AsNoTracking().Where(p => p.PupilId == query.PupilId).ToListAsync(cancellationToken))
            .OrderBy(p => p.From)
            .Select(p => new SenPeriodInfo(p.Provision, p.StartDate, p.EndDate, [.. p.Needs.Select(n => new SenNeedRank(n.Type, n.Rank)).OrderBy(n => n.Rank)]))];
}

public sealed class GetSenHistoriesHandler(SenDbContext db) : IQueryHandler<GetSenHistoriesQuery, IReadOnlyList<PupilSenPeriod>>
{
    public async ValueTask<IReadOnlyList<PupilSenPeriod>> Handle(GetSenHistoriesQuery query, CancellationToken cancellationToken)
    {
        if (query.PupilIds.Count == 0)
            return [];
        var ids = query.PupilIds.ToList();
        return await db.Periods.AsNoTracking().Where(p => ids.Contains(p.PupilId))
            .OrderBy(p => p.PupilId).ThenBy(p => p.StartDate)
            .Select(p => new PupilSenPeriod(p.PupilId, p.Provision, p.StartDate, p.EndDate))
            .ToListAsync(cancellationToken);
    }
}
