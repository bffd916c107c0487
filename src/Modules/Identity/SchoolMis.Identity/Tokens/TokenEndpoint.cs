using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using SchoolMis.Identity.Features.ApiClients;
using SchoolMis.Platform.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SchoolMis.Identity.Tokens;

/// <summary>
/// <c>POST /connect/token</c>, client credentials. OpenIddict has already checked the client, its secret and that it
/// may ask for the scopes; this adds what the client may reach (its schools or LA) to the access token.
/// </summary>
internal static class TokenEndpoint
{
    public static async Task<IResult> Exchange(HttpContext context, IOpenIddictApplicationManager applications)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict request cannot be retrieved.");
        if (!request.IsClientCredentialsGrantType())
            return Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

        var application = await applications.FindByClientIdAsync(request.ClientId!, context.RequestAborted)
            ?? throw new InvalidOperationException("The client application cannot be found.");

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, await applications.GetClientIdAsync(application, context.RequestAborted));
        identity.SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application, context.RequestAborted));

        var properties = await applications.GetPropertiesAsync(application, context.RequestAborted);
        if (properties.TryGetValue(RegisterApiClientHandler.SchoolsProperty, out var schools) && schools.ValueKind == JsonValueKind.Array)
        {
            foreach (var school in schools.EnumerateArray())
                identity.AddClaim(new Claim(SchoolMisClaims.School, school.GetString()!));
        }
        if (properties.TryGetValue(RegisterApiClientHandler.LaProperty, out var la) && la.ValueKind == JsonValueKind.String)
            identity.SetClaim(SchoolMisClaims.La, la.GetString());

        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(static _ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
