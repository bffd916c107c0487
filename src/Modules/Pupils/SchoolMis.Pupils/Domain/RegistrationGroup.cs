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

    /// <summary>The staff users who take this group's register (its form tutors).</summary>
    public List<GroupTutor> Tutors { get; } = [];
}

/// <summary>A staff user who tutors a registration group, and so sees and takes its registers.</summary>
public sealed class GroupTutor : ITenantScoped
{
    public Guid TenantId { get; private set; }
    public Guid RegistrationGroupId { get; set; }
    public Guid UserId { get; set; }
}
