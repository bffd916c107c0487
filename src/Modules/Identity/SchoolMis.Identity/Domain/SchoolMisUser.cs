using Microsoft.AspNetCore.Identity;

namespace SchoolMis.Identity.Domain;

/// <summary>A person who signs in with a browser. Their one role is an Identity role; their schools are memberships.</summary>
public sealed class SchoolMisUser : IdentityUser<Guid>
{
    public SchoolMisUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public required string DisplayName { get; set; }

    /// <summary>For LA officers: the 3-digit LA whose schools they may see.</summary>
    public string? LaCode { get; set; }

    /// <summary>Set while the user still has the one-time password they were given.</summary>
    public bool MustChangePassword { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<SchoolMembership> Schools { get; } = [];
}

/// <summary>A user belongs to a school (admins and teachers; a user may belong to several).</summary>
public sealed class SchoolMembership
{
    public Guid UserId { get; set; }
    public Guid SchoolId { get; set; }
}
