using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Identity.Data;
using SchoolMis.Platform.Messaging;
using SchoolMis.Platform.Security;

namespace SchoolMis.Identity.Features.Users;

/// <summary>
/// Adds a browser user with one role. School admins and teachers belong to one or more schools (by slug);
/// an LA officer belongs to one LA; a platform admin to neither.
/// </summary>
public sealed record CreateUserCommand(string Email, string DisplayName, string Role, IReadOnlyList<string>? Schools, string? LaCode)
    : ICommand<NewUser>, IPlatformMessage;

internal sealed class CreateUserValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserValidator()
    {
        RuleFor(c => c.Email).NotEmpty().EmailAddress();
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Role).NotEmpty().Must(r => Roles.All.Contains(r))
            .WithMessage($"Role must be one of {string.Join(", ", Roles.All)}.");
        When(c => c.Role is Roles.SchoolAdmin or Roles.Teacher, () =>
        {
            RuleFor(c => c.Schools).NotEmpty().WithMessage("School admins and teachers need at least one school.");
            RuleFor(c => c.LaCode).Empty().WithMessage("Only LA officers belong to an LA.");
        });
        When(c => c.Role == Roles.LaOfficer, () =>
        {
            RuleFor(c => c.LaCode).NotEmpty().Matches("^[0-9]{3}$").WithMessage("An LA officer needs the 3-digit LA code.");
            RuleFor(c => c.Schools).Empty().WithMessage("An LA officer sees the schools of their LA; do not list schools.");
        });
        When(c => c.Role == Roles.PlatformAdmin, () =>
        {
            RuleFor(c => c.Schools).Empty().WithMessage("A platform admin belongs to no school.");
            RuleFor(c => c.LaCode).Empty().WithMessage("A platform admin belongs to no LA.");
        });
    }
}

public sealed class CreateUserHandler(IdentityDataContext db, UserAccounts accounts) : ICommandHandler<CreateUserCommand, NewUser>
{
    public async ValueTask<NewUser> Handle(CreateUserCommand command, CancellationToken cancellationToken)
    {
        var slugs = command.Schools ?? [];
        var schools = await db.Schools.Where(s => slugs.Contains(s.Slug)).Select(s => new { s.Id, s.Slug }).ToListAsync(cancellationToken);
        var unknown = slugs.Except(schools.Select(s => s.Slug)).ToList();
        if (unknown.Count > 0)
            throw new DomainRuleException($"Unknown school: {string.Join(", ", unknown)}.", nameof(command.Schools));

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await accounts.CreateAsync(command.Email.Trim(), command.DisplayName.Trim(), command.Role,
            schools.Select(s => s.Id), string.IsNullOrWhiteSpace(command.LaCode) ? null : command.LaCode);
        await transaction.CommitAsync(cancellationToken);
        return user;
    }
}
