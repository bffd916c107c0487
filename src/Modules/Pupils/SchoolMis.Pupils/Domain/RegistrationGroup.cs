using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Pupils.Domain;

/// <summary>A tutor or form group: the group whose AM/PM register is taken together (e.g. "3B", "Oak").</summary>
public sealed class RegistrationGroup : ITenantScoped
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TenantId { get; private set; }
    public string? ExternalId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NcYear { get; set; }
    public string? TutorStaffExternalId { get; set; }
}
