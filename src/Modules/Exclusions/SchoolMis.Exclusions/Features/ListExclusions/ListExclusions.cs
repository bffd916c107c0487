using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Attendance.Contracts;
using SchoolMis.Exclusions.Contracts;
using SchoolMis.Exclusions.Data;
using SchoolMis.Exclusions.Domain;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Exclusions.Features.ListExclusions;

/// <summary>The school's exclusions that started in the academic year containing <paramref name="InYear"/>, newest first.</summary>
/// <param name="Category">PERM, SUSP (FIXD included) or LNCH; null for all.</param>
public sealed record ListExclusionsQuery(DateOnly InYear, string? Category) : IQuery<ExclusionList>;

public sealed record ExclusionList(AcademicYearSpan Year, IReadOnlyList<ExclusionRow> Rows, IReadOnlyList<PupilOverLimit> OverLimit);

public sealed record ExclusionRow(Guid ExclusionId, Guid PupilId, string PupilName, string Category, DateOnly StartDate, DateOnly? EndDate,
    IReadOnlyList<string> Reasons, int Sessions, bool AlternativeProvision);

/// <summary>A pupil whose suspensions in the year pass 45 school days.</summary>
public sealed record PupilOverLimit(Guid PupilId, string PupilName, int Sessions);

public sealed class ListExclusionsHandler(ExclusionsDbContext db, ISender sender) : IQueryHandler<ListExclusionsQuery, ExclusionList>
{
    public async ValueTask<ExclusionList> Handle(ListExclusionsQuery query, CancellationToken cancellationToken)
    {
        var year = await sender.Send(new GetAcademicYearQuery(query.InYear), cancellationToken);
        var all = await db.Exclusions.AsNoTracking().Where(e => e.StartDate >= year.StartDate && e.StartDate <= year.EndDate)
            .OrderByDescending(e => e.StartDate).ToListAsync(cancellationToken);
        var names = (await sender.Send(new GetPupilSummariesQuery(all.Select(e => e.PupilId).Distinct().ToList()), cancellationToken))
            .ToDictionary(p => p.PupilId, p => p.RegisterName);
        var shown = query.Category switch
        {
            null or "" => all,
            ExclusionCodes.Suspension => all.Where(e => ExclusionCodes.IsSuspension(e.Category)).ToList(),
            var c => all.Where(e => e.Category == c).ToList(),
        };
        var rows = shown.Select(e => new ExclusionRow(e.Id, e.PupilId, names.GetValueOrDefault(e.PupilId, "(pupil not found)"), e.Category,
            e.StartDate, e.EndDate, e.Reasons, e.Sessions, e.AlternativeProvision)).ToList();
        var overLimit = all.Where(e => ExclusionRules.CountsTowardsLimit(e.Category)).GroupBy(e => e.PupilId)
            .Select(g => new PupilOverLimit(g.Key, names.GetValueOrDefault(g.Key, "(pupil not found)"), g.Sum(e => e.Sessions)))
            .Where(p => ExclusionRules.PassesSuspensionLimit(p.Sessions)).OrderBy(p => p.PupilName).ToList();
        return new ExclusionList(year, rows, overLimit);
    }
}

/// <summary>The contract for other modules (the census).</summary>
public sealed class GetExclusionsStartedHandler(ExclusionsDbContext db) : IQueryHandler<GetExclusionsStartedQuery, IReadOnlyList<ExclusionSummary>>
{
    public async ValueTask<IReadOnlyList<ExclusionSummary>> Handle(GetExclusionsStartedQuery query, CancellationToken cancellationToken)
    {
        var rows = await db.Exclusions.AsNoTracking().Where(e => e.StartDate >= query.From && e.StartDate <= query.To)
            .OrderBy(e => e.StartDate).ToListAsync(cancellationToken);
        return rows.Select(e => new ExclusionSummary(e.Id, e.PupilId, e.Category, e.StartDate, e.EndDate, e.Reasons, e.Sessions)).ToList();
    }
}
