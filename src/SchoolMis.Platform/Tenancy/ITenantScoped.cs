namespace SchoolMis.Platform.Tenancy;

/// <summary>
/// Marks an entity that belongs to one school. Its rows carry the school's id, which <see cref="TenantDbContext"/>
/// stamps on insert, checks on update and delete, and filters on every query. Feature code never sets it.
/// </summary>
public interface ITenantScoped
{
    Guid TenantId { get; }
}

/// <summary>
/// Marks a DbContext whose entities are the platform's own records rather than any one school's (the school
/// register, users, API clients). The reason is required so that every exception to tenancy is explained.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SharedAcrossTenantsAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
