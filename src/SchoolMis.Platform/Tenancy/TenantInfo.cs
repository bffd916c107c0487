namespace SchoolMis.Platform.Tenancy;

/// <summary>
/// A school: the tenant. <see cref="Id"/> is the stable internal key stamped on every row the school owns;
/// <see cref="Slug"/> is the public identifier used in URLs, which an operator may change.
/// </summary>
public sealed record TenantInfo(
    Guid Id,
    string Slug,
    string Name,
    string LaCode,
    string Estab,
    string Urn,
    string Phase,
    SchoolStatus Status)
{
    /// <summary>The DfE number, LA code and establishment number together (e.g. 8201234).</summary>
    public string LaEstab => LaCode + Estab;
}

public enum SchoolStatus
{
    Active = 1,
    Suspended = 2,
}
