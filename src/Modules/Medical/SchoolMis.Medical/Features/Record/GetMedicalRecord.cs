using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Medical.Data;
using SchoolMis.Medical.Domain;
using SchoolMis.Medical.Features.Access;

namespace SchoolMis.Medical.Features.Record;

/// <summary>A pupil's whole medical record, for those allowed to see it (see <see cref="MedicalAccess"/>).</summary>
public sealed record GetMedicalRecordQuery(Guid PupilId) : IQuery<MedicalRecordView>;

public sealed record MedicalRecordView(Guid PupilId, string PupilName, string? PupilExternalId, string? AlertLabel,
    IReadOnlyList<MedicalItemView> Items, DoctorView? Doctor, IReadOnlyList<MedicalEventView> Events);

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

        var raising = items.Where(i => i.RaisesAlert).Select(i => (i.Kind, i.Severity)).ToList();
        return new MedicalRecordView(pupil.PupilId, $"{pupil.PreferredForename ?? pupil.Forename} {pupil.Surname}", pupil.ExternalId,
            raising.Count > 0 ? MedicalAlertRule.Label(raising) : null,
            items.OrderByDescending(i => i.RaisesAlert).ThenBy(i => i.Kind).ThenBy(i => i.Description)
                .Select(i => new MedicalItemView(i.Id, i.ExternalId, i.Kind, i.Description, i.Severity, i.Alert, i.RaisesAlert, i.Notes, i.Dose,
                    i.Timing, i.Storage, i.Expiry)).ToList(),
            doctor, events);
    }
}
