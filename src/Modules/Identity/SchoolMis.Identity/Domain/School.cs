using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Identity.Domain;

/// <summary>A school on the platform: the tenant. Identified by DfE as LA code + establishment number, and URN.</summary>
public sealed class School
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public required string LaCode { get; set; }
    public required string Estab { get; set; }
    public required string Urn { get; set; }
    public required string Phase { get; set; }
    public SchoolStatus Status { get; set; } = SchoolStatus.Active;
    public DateTimeOffset CreatedAt { get; set; }

    public TenantInfo ToTenantInfo() => new(Id, Slug, Name, LaCode, Estab, Urn, Phase, Status);
}
