using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Attendance.Contracts;
using SchoolMis.Exclusions.Data;
using SchoolMis.Exclusions.Domain;
using SchoolMis.Exclusions.Features.RecordExclusion;
using SchoolMis.Platform.Auditing;
using SchoolMis.Platform.Messaging;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Exclusions.Features.PupilExclusions;

/// <summary>A pupil's exclusion history, grouped by academic year, with the 45-day warning per year.</summary>
public sealed record GetPupilExclusionsQuery(Guid PupilId) : IQuery<PupilExclusionHistory>;

public sealed record PupilExclusionHistory(Guid PupilId, string PupilName, string Upn, IReadOnlyList<ExclusionYear> Years);

public sealed record ExclusionYear(AcademicYearSpan Year, int SuspensionSessions, string? Warning, IReadOnlyList<ExclusionDetail> Exclusions);

public sealed record ExclusionDetail(Guid ExclusionId, string Category, DateOnly StartDate, DateOnly? EndDate, IReadOnlyList<string> Reasons,
    int Sessions, DateOnly? ReinstatementDate, string? Notes, bool AlternativeProvision, string? ExternalId);

public sealed class GetPupilExclusionsHandler(ExclusionsDbContext db, ISender sender) : IQueryHandler<GetPupilExclusionsQuery, PupilExclusionHistory>
{
    public async ValueTask<PupilExclusionHistory> Handle(GetPupilExclusionsQuery query, CancellationToken cancellationToken)
    {
        var pupil = (await sender.Send(new GetPupilSummariesQuery([query.PupilId]), cancellationToken)).SingleOrDefault()
            ?? throw new NotFoundException("No such pupil at this school.");
        var all = await db.Exclusions.AsNoTracking().Where(e => e.PupilId == query.PupilId).OrderByDescending(e => e.StartDate)
            .ToListAsync(cancellationToken);
        var years = new List<ExclusionYear>();
        foreach (var exclusion in all)
        {
            if (years.Any(y => y.Year.StartDate <= exclusion.StartDate && exclusion.StartDate <= y.Year.EndDate))
                continue;
            var year = await sender.Send(new GetAcademicYearQuery(exclusion.StartDate), cancellationToken);
            var inYear = all.Where(e => year.StartDate <= e.StartDate && e.StartDate <= year.EndDate).ToList();
            var sessions = inYear.Where(e => ExclusionRules.CountsTowardsLimit(e.Category)).Sum(e => e.Sessions);
            years.Add(new ExclusionYear(year, sessions, SuspensionWarning.Describe(year.Name, sessions), inYear.Select(ToDetail).ToList()));
        }
        return new PupilExclusionHistory(pupil.PupilId, pupil.RegisterName, pupil.Upn, years);
    }

    internal static ExclusionDetail ToDetail(Exclusion e) => new(e.Id, e.Category, e.StartDate, e.EndDate, e.Reasons, e.Sessions,
        e.ReinstatementDate, e.Notes, e.AlternativeProvision, e.ExternalId);
}

/// <summary>One exclusion, for its edit form: with the sessions the calendar counts for its dates, and its history.</summary>
public sealed record GetExclusionQuery(Guid ExclusionId) : IQuery<ExclusionForEdit>;

public sealed record ExclusionForEdit(Guid PupilId, string PupilName, ExclusionDetail Exclusion, int? CountedSessions, IReadOnlyList<AuditRecord> History);

public sealed class GetExclusionHandler(ExclusionsDbContext db, ISender sender) : IQueryHandler<GetExclusionQuery, ExclusionForEdit>
{
    public async ValueTask<ExclusionForEdit> Handle(GetExclusionQuery query, CancellationToken cancellationToken)
    {
        var e = await db.Exclusions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == query.ExclusionId, cancellationToken)
            ?? throw new NotFoundException("No such exclusion at this school.");
        var pupil = (await sender.Send(new GetPupilSummariesQuery([e.PupilId]), cancellationToken)).SingleOrDefault();
        int? counted = null;
        if (e.EndDate is { } end)
            counted = ExclusionRules.SessionsFor(e.Category, (await sender.Send(new GetSchoolDaysQuery(e.StartDate, end), cancellationToken)).Count);
        var history = await db.AuditTrailAsync<Exclusion>([e.Id], cancellationToken);
        return new ExclusionForEdit(e.PupilId, pupil?.RegisterName ?? "(pupil not found)", GetPupilExclusionsHandler.ToDetail(e), counted, history);
    }
}
