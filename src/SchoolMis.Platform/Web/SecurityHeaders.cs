using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SchoolMis.Platform.Web;

/// <summary>
/// Headers every answer carries. Pages and API answers for a signed-in caller are not cached anywhere: school
/// office computers are shared, and the back button after signing out must not show a child's record.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            if (context.User.Identity?.IsAuthenticated == true || context.Request.Headers.Authorization.Count > 0)
                headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        await next(context);
    });
}
