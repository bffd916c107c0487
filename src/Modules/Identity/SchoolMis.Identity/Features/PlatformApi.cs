using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SchoolMis.Identity.Features.ApiClients;
using SchoolMis.Identity.Features.Schools;
using SchoolMis.Identity.Features.Users;
using SchoolMis.Platform.Security;

namespace SchoolMis.Identity.Features;

/// <summary>The platform routes of API.md (scope schoolmis.platform): adapters from JSON to use cases.</summary>
internal static class PlatformApi
{
    public sealed record ProvisionSchoolRequest(string? Slug, string? Name, string? LaCode, string? Estab, string? Urn, string? Phase);
    public sealed record RegisterClientRequest(string? ClientId, string? DisplayName, string[]? Schools, string? LaCode, string[]? Scopes);
    public sealed record CreateUserRequest(string? Email, string? DisplayName, string? Role, string[]? Schools, string? LaCode);
    public sealed record CreatedUserResponse(Guid Id, string Email, string DisplayName, string Role, string OneTimePassword);

    public static void MapPlatformApi(this IEndpointRouteBuilder app)
    {
        var platform = app.MapGroup("/api/v1/platform").WithTags("Platform").RequireAuthorization(Policies.ApiPlatform);

        platform.MapPost("/schools", async (ProvisionSchoolRequest body, ISender sender, CancellationToken ct) =>
        {
            var result = await sender.Send(new ProvisionSchoolCommand(body.Slug ?? "", body.Name ?? "", body.LaCode ?? "",
                body.Estab ?? "", body.Urn ?? "", body.Phase ?? ""), ct);
            return TypedResults.Created($"/api/v1/platform/schools/{result.School.Slug}", result.School);
        }).WithSummary("Provision a school");

        platform.MapGet("/schools", async (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListSchoolsQuery(), ct))).WithSummary("List schools");

        platform.MapPost("/clients", async (RegisterClientRequest body, ISender sender, CancellationToken ct) =>
        {
            var result = await sender.Send(new RegisterApiClientCommand(body.ClientId ?? "", body.DisplayName ?? "",
                body.Schools, body.LaCode, body.Scopes ?? []), ct);
            return TypedResults.Created($"/api/v1/platform/clients/{result.ClientId}", result);
        }).WithSummary("Register an API client (the secret is shown once)");

        platform.MapPost("/users", async (CreateUserRequest body, ISender sender, CancellationToken ct) =>
        {
            var user = await sender.Send(new CreateUserCommand(body.Email ?? "", body.DisplayName ?? "", body.Role ?? "",
                body.Schools, body.LaCode), ct);
            return TypedResults.Created($"/api/v1/platform/users/{user.Id}",
                new CreatedUserResponse(user.Id, user.Email, user.DisplayName, user.Role, user.OneTimePassword));
        }).WithSummary("Create a browser user (with a one-time password)");
    }
}
