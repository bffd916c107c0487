using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Pupils.Domain;

/// <summary>Someone the school contacts about a pupil (a parent, a carer), in the order the school calls them.</summary>
public sealed class Contact : ITenantScoped
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TenantId { get; private set; }
    public string? ExternalId { get; set; }
    public Guid PupilId { get; set; }
    public int Order { get; set; }
    public string? Title { get; set; }
    public required string Surname { get; set; }
    public required string Forename { get; set; }
    public required string Relationship { get; set; }
    public bool ParentalResponsibility { get; set; }
    public string? Email { get; set; }
    public bool AddressAsPupil { get; set; }
    public List<ContactPhone> Phones { get; set; } = [];
}

public sealed class ContactPhone
{
    public required string Type { get; set; }
    public required string Number { get; set; }
}

/// <summary>
/// A sibling link as the previous MIS recorded it: the other pupil's external id. Resolved when shown, so a link
/// may be loaded before its sibling is.
/// </summary>
public sealed class SiblingLink : ITenantScoped
{
    public Guid TenantId { get; private set; }
    public Guid PupilId { get; set; }
    public required string SiblingExternalId { get; set; }
}
