using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Pupils.Domain;

/// <summary>A pupil's photograph (JPEG), as schools bring them from their previous MIS.</summary>
public sealed class PupilPhoto : ITenantScoped
{
    public Guid TenantId { get; private set; }
    public Guid PupilId { get; set; }
    public required byte[] Jpeg { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
