using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Medical.Data;
using SchoolMis.Medical.Domain;
using SchoolMis.Medical.Features.Access;
using SchoolMis.Platform.Auditing;

namespace SchoolMis.Medical.Features.Record;

/// <summary>A pupil's whole medical record, for those allowed to see it (see <see cref="MedicalAccess"/>).</summary>
public sealed record GetMedicalRecordQuery(Guid PupilId) : IQuery<MedicalRecordView>;

public sealed record MedicalRecordView(Guid PupilId, string PupilName, string? PupilExternalId, string? AlertLabel,
    IReadOnlyList<MedicalItemView> Items, DoctorView? Doctor, IReadOnlyList<MedicalEventView> Events, IReadOnlyList<MedicalHistoryEntry> History);

/// <summary>One change to the record, newest first: who, when, and each field's old and new value.</summary>
public sealed record MedicalHistoryEntry(DateTimeOffset ChangedAt, string ChangedBy, string Record, string Action,
    IReadOnlyDictionary<string, AuditChange> Changes);

public sealed record MedicalItemView(Guid Id, string? ExternalId, MedicalItemKind Kind, string Description, MedicalSeverity? Severity, bool Alert,
    bool RaisesAlert, string? Notes, string? Dose, string? Timing, string? Storage, DateOnly? Expiry);

public sealed record DoctorView(string Name, string? Practice, string? Phone);

public sealed record MedicalEventView(Guid Id, DateOnly Date, TimeOnly Time, MedicalEventKind Kind, string Description, string GivenBy,
    bool ParentInformed, string RecordedBy, DateTimeOffset RecordedAt);

public sealed class GetMedicalRecordHandler(MedicalDbContext db, MedicalAccess access) : IQueryHandler<GetMedicalRecordQuery, MedicalRecordView>
{
    public async ValueTask<MedicalRecordView> Handle(GetMedicalRecordQuery query, CancellationToken cancellationToken)
    {
        var pupil = await access.CheckCanReadAsync(query.PupilId, cancellationToken);
        var items = await db.Items.AsNoTracking().Where(i => i.PupilId == query.PupilId).ToListAsync(cancellationToken);
        var doctor = await db.Doctors.AsNoTracking().Where(d => d.PupilId == query.PupilId)
            .Select(d => new DoctorView(d.Name, d.Practice, d.Phone)).FirstOrDefaultAsync(cancellationToken);
        var events = await db.Events.AsNoTracking().Where(e => e.PupilId == query.PupilId)
            .OrderByDescending(e => e.Date).ThenByDescending(e => e.Time)
            .Select(e => new MedicalEventView(e.Id, e.Date, e.Time, e.Kind, e.Description, e.GivenBy, e.ParentInformed, e.RecordedBy, e.RecordedAt))
            .ToListAsync(cancellationToken);

        var doctorId = await db.Doctors.AsNoTracking().Where(d => d.PupilId == query.PupilId).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
        var history = await HistoryAsync(query.PupilId, items.Select(i => i.Id), doctorId, events.Select(e => e.Id), cancellationToken);

        var raising = items.Where(i => i.RaisesAlert).Select(i => (i.Kind, i.Severity)).ToList();
        return new MedicalRecordView(pupil.PupilId, $"{pupil.PreferredForename ?? pupil.Forename} {pupil.Surname}", pupil.ExternalId,
            raising.Count > 0 ? MedicalAlertRule.Label(raising) : null,
            items.OrderByDescending(i => i.RaisesAlert).ThenBy(i => i.Kind).ThenBy(i => i.Description)
                .Select(i => new MedicalItemView(i.Id, i.ExternalId, i.Kind, i.Description, i.Severity, i.Alert, i.RaisesAlert, i.Notes, i.Dose,
                    i.Timing, i.Storage, i.Expiry)).ToList(),
            doctor, events, history);
    }

    private async Task<IReadOnlyList<MedicalHistoryEntry>> HistoryAsync(Guid pupilId, IEnumerable<Guid> itemIds, Guid? doctorId, IEnumerable<Guid> eventIds,
        CancellationToken cancellationToken)
    {
        // Removed items and doctors are gone from their tables; their deletion entries still name the pupil.
        var pupilText = pupilId.ToString();
        var removed = await db.Set<AuditEntry>().AsNoTracking()
            .Where(a => (a.EntityType == nameof(MedicalItem) || a.EntityType == nameof(PupilDoctor)) && a.Action == "Deleted" && a.ChangesJson.Contains(pupilText))
            .Select(a => new { a.EntityType, a.EntityId }).ToListAsync(cancellationToken);
        var items = itemIds.Concat(removed.Where(r => r.EntityType == nameof(MedicalItem)).Select(r => r.EntityId)).ToList();
        var doctors = removed.Where(r => r.EntityType == nameof(PupilDoctor)).Select(r => r.EntityId).Concat(doctorId is { } d ? [d] : []).ToList();

        var trail = (await db.AuditTrailAsync<MedicalItem>(items, cancellationToken))
            .Concat(await db.AuditTrailAsync<PupilDoctor>(doctors, cancellationToken))
            .Concat(await db.AuditTrailAsync<MedicalEvent>(eventIds.ToList(), cancellationToken));
        return trail.OrderByDescending(r => r.ChangedAt)
            .Select(r => new MedicalHistoryEntry(r.ChangedAt, r.ChangedBy, r.EntityType switch
                {
                    nameof(MedicalItem) => "Condition, allergy, medication or dietary need",
                    nameof(PupilDoctor) => "Doctor",
                    _ => "Medical event",
                }, r.Action switch { "Added" => "Added", "Deleted" => "Removed", _ => "Changed" },
                r.Changes.Where(c => c.Key is not (nameof(MedicalItem.PupilId) or nameof(MedicalItem.ExternalId)))
                    .ToDictionary(c => c.Key, c => c.Value)))
            .ToList();
    }
}
