using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Platform;
using SchoolMis.Platform.Auditing;
using SchoolMis.Pupils.Contracts;
using SchoolMis.Sen.Data;
using SchoolMis.Sen.Domain;

namespace SchoolMis.Sen.Features.PupilSen;

/// <summary>One pupil's SEN record: the current provision and needs, the EHC plan and its review, the history, notes.</summary>
public sealed record GetPupilSenQuery(Guid PupilId) : IQuery<PupilSenRecord>;

/// <param name="History">Every change to the pupil's periods and notes (removed periods too), newest first.</param>
public sealed record PupilSenRecord(PupilSummary Pupil, IReadOnlyList<SenPeriodView> Periods, IReadOnlyList<SenNoteView> Notes, DateOnly Today,
    IReadOnlyList<AuditRecord> History)
{
    /// <summary>The period covering today, if any.</summary>
    public SenPeriodView? Current => Periods.FirstOrDefault(p => p.Covers(Today));
}

public sealed record SenPeriodView(Guid Id, string Provision, DateOnly? StartDate, DateOnly? EndDate, IReadOnlyList<(string Type, int Rank)> Needs,
    DateOnly? PlanIssueDate, DateOnly? PlanLastReviewDate, DateOnly? PlanReviewDueOverride, DateOnly? ReviewDue, bool ReviewOverdue,
    bool SenUnit, bool ResourcedProvision)
{
    public bool Covers(DateOnly date) => (StartDate ?? DateOnly.MinValue) <= date && date <= (EndDate ?? DateOnly.MaxValue);

    public bool Legacy => SenCodes.IsLegacy(Provision);

    internal static SenPeriodView From(SenProvisionPeriod p, DateOnly today) => new(p.Id, p.Provision, p.StartDate, p.EndDate, p.Needs,
        p.PlanIssueDate, p.PlanLastReviewDate, p.PlanReviewDueOverride, p.ReviewDue, p.ReviewOverdue(today), p.SenUnit, p.ResourcedProvision);

    /// <summary>"SEN unit", "Resourced provision", both, or null: where the provision is made, for display.</summary>
    public string? Setting => (SenUnit, ResourcedProvision) switch
    {
        (true, true) => "SEN unit and resourced provision",
        (true, false) => "SEN unit",
        (false, true) => "Resourced provision",
        _ => null,
    };
}

public sealed record SenNoteView(Guid Id, DateOnly Date, string Text, string WrittenBy, DateTimeOffset WrittenAt);

public sealed class GetPupilSenHandler(SenDbContext db, SenAccess access, TimeProvider clock) : IQueryHandler<GetPupilSenQuery, PupilSenRecord>
{
    public async ValueTask<PupilSenRecord> Handle(GetPupilSenQuery query, CancellationToken cancellationToken)
    {
        var pupil = await access.PupilAsync(query.PupilId, cancellationToken);
        var today = clock.Today();
        var periods = await db.Periods.AsNoTracking().Where(p => p.PupilId == query.PupilId).ToListAsync(cancellationToken);
        var notes = await db.Notes.AsNoTracking().Where(n => n.PupilId == query.PupilId).ToListAsync(cancellationToken);
        // Removed periods are gone from the table but not from the trail: their entries name the pupil.
        var pupilText = query.PupilId.ToString();
        var removed = await db.Set<AuditEntry>().AsNoTracking()
            .Where(a => a.EntityType == nameof(SenProvisionPeriod) && a.Action == "Deleted" && a.ChangesJson.Contains(pupilText))
            .Select(a => a.EntityId).ToListAsync(cancellationToken);
        var history = (await db.AuditTrailAsync<SenProvisionPeriod>([.. periods.Select(p => p.Id), .. removed], cancellationToken))
            .Concat(await db.AuditTrailAsync<SenNote>([.. notes.Select(n => n.Id)], cancellationToken))
            .OrderByDescending(r => r.ChangedAt).ToList();
        return new PupilSenRecord(pupil,
            [.. periods.OrderByDescending(p => p.From).Select(p => SenPeriodView.From(p, today))],
            // Ordered here: SQLite cannot order by an instant, and one pupil's notes are few.
            [.. notes.OrderByDescending(n => n.Date).ThenByDescending(n => n.WrittenAt).Select(n => new SenNoteView(n.Id, n.Date, n.Text, n.WrittenBy, n.WrittenAt))],
            today, history);
    }
}
