using System.Security.Cryptography;
using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using SchoolMis.Identity.Data;
using SchoolMis.Platform.Messaging;
using SchoolMis.Platform.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SchoolMis.Identity.Features.ApiClients;

/// <summary>
/// Registers a machine client (migration tooling, an LA system) for the client-credentials flow. It is granted
/// either a set of schools or one LA, and the scopes it may ask for. The secret is returned once and only its hash
/// is kept.
/// </summary>
public sealed record RegisterApiClientCommand(
    string ClientId, string DisplayName, IReadOnlyList<string>? Schools, string? LaCode, IReadOnlyList<string> Scopes,
    string? ClientSecret = null) : ICommand<RegisteredApiClient>, IPlatformMessage;

public sealed record RegisteredApiClient(string ClientId, string ClientSecret);

internal sealed class RegisterApiClientValidator : AbstractValidator<RegisterApiClientCommand>
{
    public RegisterApiClientValidator()
    {
        RuleFor(c => c.ClientId).NotEmpty().Matches("^[A-Za-z0-9._-]{3,100}$")
            .WithMessage("Use 3 to 100 letters, digits, dots, hyphens or underscores.");
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Scopes).NotEmpty();
        RuleForEach(c => c.Scopes).Must(s => SchoolMis.Platform.Security.Scopes.All.Contains(s))
            .WithMessage($"Scope must be one of {string.Join(", ", SchoolMis.Platform.Security.Scopes.All)}.");
        RuleFor(c => c.LaCode).Matches("^[0-9]{3}$").When(c => !string.IsNullOrEmpty(c.LaCode))
            .WithMessage("The LA code is 3 digits.");
        RuleFor(c => c.Schools).Empty().When(c => !string.IsNullOrEmpty(c.LaCode))
            .WithMessage("Grant either schools or one LA, not both.");
        RuleFor(c => c.ClientSecret).MinimumLength(16).When(c => c.ClientSecret is not null);
    }
}

public sealed class RegisterApiClientHandler(IdentityDataContext db, IOpenIddictApplicationManager applications)
    : ICommandHandler<RegisterApiClientCommand, RegisteredApiClient>
{
    public const string SchoolsProperty = "schoolmis_schools";
    public const string LaProperty = "schoolmis_la";

    public async ValueTask<RegisteredApiClient> Handle(RegisterApiClientCommand command, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(command.ClientId, cancellationToken) is not null)
            throw new ConflictException($"A client with the id '{command.ClientId}' already exists.", nameof(command.ClientId));

        var slugs = command.Schools ?? [];
        var schools = await db.Schools.Where(s => slugs.Contains(s.Slug)).Select(s => new { s.Id, s.Slug }).ToListAsync(cancellationToken);
        var unknown = slugs.Except(schools.Select(s => s.Slug)).ToList();
        if (unknown.Count > 0)
            throw new DomainRuleException($"Unknown school: {string.Join(", ", unknown)}.", nameof(command.Schools));

        var secret = command.ClientSecret ?? RandomNumberGenerator.GetHexString(48, lowercase: true);
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = command.ClientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = command.DisplayName,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var scope in command.Scopes.Distinct())
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        descriptor.Properties[SchoolsProperty] = JsonSerializer.SerializeToElement(schools.Select(s => s.Id).ToArray());
        if (!string.IsNullOrEmpty(command.LaCode))
            descriptor.Properties[LaProperty] = JsonSerializer.SerializeToElement(command.LaCode);

        await applications.CreateAsync(descriptor, cancellationToken);
        return new RegisteredApiClient(command.ClientId, secret);
    }
}
