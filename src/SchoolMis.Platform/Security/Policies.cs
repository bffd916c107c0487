using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
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

    public const string ApiRead = "api-read";
    public const string ApiImport = "api-import";
    public const string ApiCensus = "api-census";
    public const string ApiPlatform = "api-platform";

    public static IServiceCollection AddSchoolMisAuthorization(this IServiceCollection services)
    {
        services.AddScoped<IAuthorizationHandler, SchoolAccessHandler>();
        services.AddSingleton<IAuthorizationHandler, ScopeHandler>();
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
