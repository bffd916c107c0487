using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Validation.AspNetCore;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Platform.Security;

/// <summary>
/// Turns "you may not reach this school" into the same 404 as "no such school" (API.md: do not leak existence),
/// and gives API callers problem details for 403.
/// </summary>
public sealed class SchoolMisAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged && policy.AuthenticationSchemes.Count > 1)
        {
            // A policy open to both the cookie and bearer tokens (Policies.LaCensus) challenges as its caller
            // expects: an API call gets 401, a browser the sign-in page; never both answers in one response.
            await context.ChallengeAsync(context.Request.Path.StartsWithSegments("/api")
                ? OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme
                : IdentityConstants.ApplicationScheme);
            return;
        }
        if (authorizeResult.Forbidden)
        {
            var failed = authorizeResult.AuthorizationFailure?.FailedRequirements ?? [];
            if (failed.OfType<SchoolAccessRequirement>().Any())
            {
                await SchoolNotFound.WriteAsync(context);
                return;
            }
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                var missing = failed.OfType<ScopeRequirement>().Select(r => r.Scope).FirstOrDefault();
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                        detail: missing is null ? "This caller may not do that." : $"This needs the scope '{missing}'.")
                    .ExecuteAsync(context);
                return;
            }
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
