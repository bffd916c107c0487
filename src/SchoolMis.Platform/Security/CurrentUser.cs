using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using OpenIddict.Abstractions;

namespace SchoolMis.Platform.Security;

/// <summary>Who is acting: a signed-in person or an API client. Registers record it on every mark and amendment.</summary>
public interface ICurrentUser
{
    Guid? UserId { get; }

    /// <summary>How the person or client is named in audit trails, e.g. "Sarah Hughes (admin@oakfield.test)".</summary>
    string AuditName { get; }

    bool IsSchoolAdmin { get; }
}

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    public Guid? UserId => Guid.TryParse(User?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string AuditName
    {
        get
        {
            var user = User;
            if (user?.Identity?.IsAuthenticated != true)
                return "system";
            if (user.FindFirstValue(SchoolMisClaims.DisplayName) is { } name)
                return $"{name} ({user.FindFirstValue(ClaimTypes.Email)})";
            // An access token: the client's id is its subject.
            return $"API client {user.FindFirstValue(OpenIddictConstants.Claims.Subject)}";
        }
    }

    public bool IsSchoolAdmin => User?.IsInRole(Roles.SchoolAdmin) == true;
}
