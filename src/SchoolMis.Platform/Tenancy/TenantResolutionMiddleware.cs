using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace SchoolMis.Platform.Tenancy;

/// <summary>
/// Resolves the school from the path, once per request, before authentication: both the browser
/// (<c>/schools/{school}/...</c>) and the API (<c>/api/v1/schools/{school}/...</c>) name it there.
/// Unknown and suspended schools answer 404 here and nothing further runs. Whether the caller may see a
/// school that does exist is decided by authorization (<see cref="Security.SchoolAccessHandler"/>), which
/// also answers 404 so that existence never leaks.
/// </summary>
public sealed partial class TenantResolutionMiddleware(RequestDelegate next)
{
    [GeneratedRegex("^/(?:api/v1/)?schools/(?<slug>[^/]+)(?:/|$)", RegexOptions.CultureInvariant)]
    private static partial Regex SchoolPath();

    public async Task InvokeAsync(HttpContext context, ITenantStore store, ITenantContextSetter setter)
    {
        var match = SchoolPath().Match(context.Request.Path.Value ?? "");
        if (match.Success)
        {
            var slug = match.Groups["slug"].Value;
            var tenant = Slugs.IsValid(slug) ? await store.FindBySlugAsync(slug, context.RequestAborted) : null;
            if (tenant is null || tenant.Status != SchoolStatus.Active)
            {
                await SchoolNotFound.WriteAsync(context);
                return;
            }
            setter.Set(tenant);
        }
        await next(context);
    }
}

/// <summary>The one answer for "no such school" and "not your school", so the two cannot be told apart.</summary>
public static class SchoolNotFound
{
    public const string Detail = "No school with that identifier is available to you.";

    public static Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            return Results.Problem(statusCode: 404, title: "Not Found", detail: Detail).ExecuteAsync(context);
        }
        // Browser: the status-code page middleware renders the friendly page.
        return Task.CompletedTask;
    }
}

public static partial class Slugs
{
    [GeneratedRegex("^[a-z0-9-]{3,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? slug) => slug is not null && Pattern().IsMatch(slug);
}
