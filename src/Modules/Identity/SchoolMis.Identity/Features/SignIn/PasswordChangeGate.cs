using Microsoft.AspNetCore.Http;
using SchoolMis.Platform.Security;

namespace SchoolMis.Identity.Features.SignIn;

/// <summary>
/// A user signed in with a one-time password sees nothing but the page to choose their own: the one-time password
/// travelled by email or on paper, so it must not stay usable.
/// </summary>
internal sealed class PasswordChangeGate(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.User.HasClaim(c => c.Type == SchoolMisClaims.MustChangePassword)
            && !context.Request.Path.StartsWithSegments("/account")
            && !context.Request.Path.StartsWithSegments("/_framework")
            && !context.Request.Path.StartsWithSegments("/api")
            && HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.Redirect("/account/change-password?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
            return Task.CompletedTask;
        }
        return next(context);
    }
}
