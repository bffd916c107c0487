using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SchoolMis.Identity.Domain;
using SchoolMis.Platform.Security;

namespace SchoolMis.Identity.Features.SignIn;

/// <summary>Puts the user's name, schools and LA into the sign-in cookie, where authorization reads them.</summary>
internal sealed class SchoolMisClaimsFactory(
    UserManager<SchoolMisUser> userManager, RoleManager<IdentityRole<Guid>> roleManager, IOptions<IdentityOptions> options,
    Data.IdentityDataContext db)
    : UserClaimsPrincipalFactory<SchoolMisUser, IdentityRole<Guid>>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(SchoolMisUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(SchoolMisClaims.DisplayName, user.DisplayName));
        var schoolIds = db.SchoolMemberships.Where(m => m.UserId == user.Id).Select(m => m.SchoolId).ToList();
        foreach (var id in schoolIds)
            identity.AddClaim(new Claim(SchoolMisClaims.School, id.ToString()));
        if (user.MustChangePassword)
            identity.AddClaim(new Claim(SchoolMisClaims.MustChangePassword, "true"));
        if (!string.IsNullOrEmpty(user.LaCode))
            identity.AddClaim(new Claim(SchoolMisClaims.La, user.LaCode));
        return identity;
    }
}
