using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Identity.Data;
using SchoolMis.Identity.Domain;
using SchoolMis.Identity.Features.Users;
using SchoolMis.Platform.Messaging;
using SchoolMis.Platform.ReferenceData;
using SchoolMis.Platform.Security;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Identity.Features.Schools;

/// <summary>
/// Adds a school to the platform, optionally with its first school admin, in one transaction: either both exist
/// afterwards or neither does.
/// </summary>
public sealed record ProvisionSchoolCommand(
    string Slug, string Name, string LaCode, string Estab, string Urn, string Phase,
    string? AdminEmail = null, string? AdminName = null) : ICommand<ProvisionedSchool>, IPlatformMessage;

public sealed record ProvisionedSchool(SchoolDto School, NewUser? FirstAdmin);

internal sealed class ProvisionSchoolValidator : AbstractValidator<ProvisionSchoolCommand>
{
    public ProvisionSchoolValidator()
    {
        RuleFor(c => c.Slug).NotEmpty().Must(Slugs.IsValid)
            .WithMessage("Use 3 to 40 lower-case letters, digits and hyphens (e.g. st-marys-ce-primary).");
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.LaCode).NotEmpty().Matches("^[0-9]{3}$").WithMessage("The LA code is 3 digits (e.g. 801).");
        RuleFor(c => c.Estab).NotEmpty().Matches("^[0-9]{4}$").WithMessage("The establishment number is 4 digits (e.g. 2001).");
        RuleFor(c => c.Urn).NotEmpty().Matches("^[0-9]{6,7}$").WithMessage("The URN is the 6-digit GIAS number (e.g. 100824).");
        RuleFor(c => c.Phase).NotEmpty().Must(p => p is not null && DfeCodes.Phases.ContainsKey(p))
            .WithMessage($"Phase must be one of {string.Join(", ", DfeCodes.Phases.Keys.Order())}.");
        When(c => !string.IsNullOrWhiteSpace(c.AdminEmail) || !string.IsNullOrWhiteSpace(c.AdminName), () =>
        {
            RuleFor(c => c.AdminEmail).NotEmpty().EmailAddress().WithMessage("Enter the first admin's email address.");
            RuleFor(c => c.AdminName).NotEmpty().MaximumLength(200).WithMessage("Enter the first admin's name.");
        });
    }
}

public sealed class ProvisionSchoolHandler(IdentityDataContext db, UserAccounts accounts, TimeProvider clock)
    : ICommandHandler<ProvisionSchoolCommand, ProvisionedSchool>
{
    public async ValueTask<ProvisionedSchool> Handle(ProvisionSchoolCommand command, CancellationToken cancellationToken)
    {
        if (await db.Schools.AnyAsync(s => s.Slug == command.Slug, cancellationToken))
            throw new ConflictException($"The identifier '{command.Slug}' is already used by another school.", nameof(command.Slug));
        if (await db.Schools.AnyAsync(s => s.LaCode == command.LaCode && s.Estab == command.Estab, cancellationToken))
            throw new ConflictException($"A school with DfE number {command.LaCode}{command.Estab} already exists.", nameof(command.Estab));

        var school = new School
        {
            Slug = command.Slug,
            Name = command.Name.Trim(),
            LaCode = command.LaCode,
            Estab = command.Estab,
            Urn = command.Urn,
            Phase = command.Phase,
            CreatedAt = clock.GetUtcNow(),
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Schools.Add(school);
        await db.SaveChangesAsync(cancellationToken);

        NewUser? admin = null;
        if (!string.IsNullOrWhiteSpace(command.AdminEmail))
            admin = await accounts.CreateAsync(command.AdminEmail.Trim(), command.AdminName!.Trim(), Roles.SchoolAdmin, [school.Id], laCode: null);

        await transaction.CommitAsync(cancellationToken);
        return new ProvisionedSchool(SchoolDto.From(school), admin);
    }
}
