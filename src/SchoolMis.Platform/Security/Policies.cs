using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Platform.Security;

/// <summary>Authorization policy names. Browser policies use the sign-in cookie; API policies use bearer tokens.</summary>
public static class Policies
{
    /// <summary>School admins and teachers of the school in the URL.</summary>
    public const string SchoolStaff = "school-staff";
    /// <summary>School admins of the school in the URL.</summary>
    public const string SchoolAdmin = "school-admin";
    /// <summary>Platform operators (browser).</summary>
    public const string PlatformAdmin = "platform-admin";
    /// <summary>LA officers (browser), acting for the LA of their <see cref="SchoolMisClaims.La"/> claim.</summary>
    public const string LaOfficer = "la-officer";

    public const string ApiRead = "api-read";
    public const string ApiImport = "api-import";
    public const string ApiCensus = "api-census";
    public const string ApiPlatform = "api-platform";
    /// <summary>
    /// Every school of the LA in the route's <c>{la}</c>: an API client granted that LA with the census scope, or a
    /// signed-in officer of that LA. A school's client or user, or another LA's, is refused (403).
    /// </summary>
    public const string LaCensus = "la-census";

    public static IServiceCollection AddSchoolMisAuthorization(this IServiceCollection services)
    {
        services.AddScoped<IAuthorizationHandler, SchoolAccessHandler>();
        services.AddSingleton<IAuthorizationHandler, ScopeHandler>();
        services.AddSingleton<IAuthorizationHandler, LaAccessHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, SchoolMisAuthorizationResultHandler>();

        var cookie = IdentityConstants.ApplicationScheme;
        var bearer = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;

        services.AddAuthorizationBuilder()
            .AddPolicy(SchoolStaff, p => p.AddAuthenticationSchemes(cookie).RequireAuthenticatedUser()
                .RequireRole(Roles.SchoolAdmin, Roles.Teacher).AddRequirements(new SchoolAccessRequirement()))
            .AddPolicy(SchoolAdmin, p => p.AddAuthenticationSchemes(cookie).RequireAuthenticatedUser()
                .RequireRole(Roles.SchoolAdmin).AddRequirements(new SchoolAccessRequirement()))
            .AddPolicy(PlatformAdmin, p => p.AddAuthenticationSchemes(cookie).RequireAuthenticatedUser()
                .RequireRole(Roles.PlatformAdmin))
            .AddPolicy(ApiRead, p => ApiSchoolPolicy(p, bearer, Scopes.Read))
            .AddPolicy(ApiImport, p => ApiSchoolPolicy(p, bearer, Scopes.Import))
            .AddPolicy(ApiCensus, p => ApiSchoolPolicy(p, bearer, Scopes.Census))
            .AddPolicy(LaOfficer, p => p.AddAuthenticationSchemes(cookie).RequireAuthenticatedUser()
                .RequireRole(Roles.LaOfficer).RequireClaim(SchoolMisClaims.La))
            .AddPolicy(LaCensus, p => p.AddAuthenticationSchemes(cookie, bearer).RequireAuthenticatedUser()
                .AddRequirements(new LaAccessRequirement(Scopes.Census)))
            .AddPolicy(ApiPlatform, p => p.AddAuthenticationSchemes(bearer).RequireAuthenticatedUser()
                .AddRequirements(new ScopeRequirement(Scopes.Platform)));
        return services;
    }

    private static void ApiSchoolPolicy(AuthorizationPolicyBuilder policy, string scheme, string scope) =>
        policy.AddAuthenticationSchemes(scheme).RequireAuthenticatedUser()
            .AddRequirements(new SchoolAccessRequirement(), new ScopeRequirement(scope));
}

/// <summary>The caller belongs to the school resolved from the URL, directly or through its LA.</summary>
public sealed class SchoolAccessRequirement : IAuthorizationRequirement;

public sealed class SchoolAccessHandler(ITenantContext tenant) : AuthorizationHandler<SchoolAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SchoolAccessRequirement requirement)
    {
        if (tenant.IsResolved && CanReach(context.User, tenant.Current))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }

    public static bool CanReach(ClaimsPrincipal user, TenantInfo school)
    {
        var id = school.Id.ToString();
        return user.Claims.Any(c =>
            (c.Type == SchoolMisClaims.School && string.Equals(c.Value, id, StringComparison.OrdinalIgnoreCase)) ||
            (c.Type == SchoolMisClaims.La && c.Value == school.LaCode));
    }
}

/// <summary>
/// The caller acts for the LA in the route (<c>{la}</c>): an API client granted that LA whose token carries
/// <see cref="Scope"/>, or a signed-in LA officer of that LA. Membership of a school of that LA is not enough.
/// </summary>
public sealed record LaAccessRequirement(string Scope) : IAuthorizationRequirement;

public sealed class LaAccessHandler : AuthorizationHandler<LaAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, LaAccessRequirement requirement)
    {
        var la = (context.Resource as HttpContext)?.GetRouteValue("la") as string;
        var user = context.User;
        // A client's LA comes from its token and an officer's from their cookie; each is checked with its own marker
        // (the scope, the role), so a school user's cookie never passes as an LA grant.
        if (la is not null && user.HasClaim(SchoolMisClaims.La, la) && (user.HasScope(requirement.Scope) || user.IsInRole(Roles.LaOfficer)))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>The access token carries an OAuth scope.</summary>
public sealed record ScopeRequirement(string Scope) : IAuthorizationRequirement;

public sealed class ScopeHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.User.HasScope(requirement.Scope))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
