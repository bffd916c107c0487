using SchoolMis.Identity.Domain;

namespace SchoolMis.Identity.Features.Schools;

public sealed record SchoolDto(Guid Id, string Slug, string Name, string LaCode, string Estab, string Urn, string Phase, string Status)
{
    public static SchoolDto From(School s) => new(s.Id, s.Slug, s.Name, s.LaCode, s.Estab, s.Urn, s.Phase, s.Status.ToString());
}
