using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Pupils.Domain;

/// <summary>A school the pupil attended before this one (a CTF's SchoolHistory, or the school-history dataset).</summary>
public sealed class PreviousSchool : ITenantScoped
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TenantId { get; private set; }
    public Guid PupilId { get; set; }
    public string? LaCode { get; set; }
    public string? Estab { get; set; }
    public string? Urn { get; set; }
    public required string SchoolName { get; set; }
    public DateOnly? EntryDate { get; set; }
    public DateOnly? LeavingDate { get; set; }
    public string? LeavingReason { get; set; }
}
