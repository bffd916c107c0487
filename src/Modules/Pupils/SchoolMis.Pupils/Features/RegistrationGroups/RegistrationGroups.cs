using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Platform;
using SchoolMis.Platform.Messaging;
using SchoolMis.Platform.ReferenceData;
using SchoolMis.Pupils.Data;
using SchoolMis.Pupils.Domain;

namespace SchoolMis.Pupils.Features.RegistrationGroups;

/// <summary>Creates a registration (tutor) group.</summary>
public sealed record CreateRegistrationGroupCommand(string Code, string Name, string? NcYear) : ICommand<Guid>;

internal sealed class CreateRegistrationGroupValidator : AbstractValidator<CreateRegistrationGroupCommand>
{
    public CreateRegistrationGroupValidator()
    {
        RuleFor(c => c.Code).NotEmpty().WithMessage("Enter a short code, e.g. 3B.")
            .Matches("^[A-Za-z0-9 /-]{1,20}$").WithMessage("The code is up to 20 letters, digits, spaces, hyphens or slashes.");
        RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the group's name.").MaximumLength(100);
        RuleFor(c => c.NcYear).Must(y => DfeCodes.NcYears.ContainsKey(y!)).When(c => !string.IsNullOrEmpty(c.NcYear))
            .WithMessage("Choose a national curriculum year, or leave it blank for a mixed group.");
    }
}

public sealed class CreateRegistrationGroupHandler(PupilsDbContext db) : ICommandHandler<CreateRegistrationGroupCommand, Guid>
{
    public async ValueTask<Guid> Handle(CreateRegistrationGroupCommand command, CancellationToken cancellationToken)
    {
        var code = command.Code.Trim();
        if (await db.RegistrationGroups.AnyAsync(g => g.Code == code, cancellationToken))
            throw new ConflictException($"There is already a group with the code {code}.", nameof(command.Code));
        var group = new RegistrationGroup { Code = code, Name = command.Name.Trim(), NcYear = string.IsNullOrEmpty(command.NcYear) ? null : command.NcYear };
        db.RegistrationGroups.Add(group);
        await db.SaveChangesAsync(cancellationToken);
        return group.Id;
    }
}

/// <summary>The school's registration groups with how many pupils are in each today.</summary>
public sealed record ListRegistrationGroupsQuery : IQuery<IReadOnlyList<RegistrationGroupItem>>;

public sealed record RegistrationGroupItem(Guid Id, string Code, string Name, string? NcYear, int PupilsOnRoll);

public sealed class ListRegistrationGroupsHandler(PupilsDbContext db, TimeProvider clock)
    : IQueryHandler<ListRegistrationGroupsQuery, IReadOnlyList<RegistrationGroupItem>>
{
    public async ValueTask<IReadOnlyList<RegistrationGroupItem>> Handle(ListRegistrationGroupsQuery query, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        return await db.RegistrationGroups.AsNoTracking()
            .OrderBy(g => g.NcYear == null).ThenBy(g => g.Code)
            .Select(g => new RegistrationGroupItem(g.Id, g.Code, g.Name, g.NcYear,
                db.Pupils.Count(p => p.RegistrationGroupId == g.Id && p.AdmissionDate <= today && (p.LeavingDate == null || p.LeavingDate > today))))
            .ToListAsync(cancellationToken);
    }
}

/// <summary>Moves pupils into a registration group (from wherever they were), all or none.</summary>
public sealed record AssignPupilsToGroupCommand(Guid RegistrationGroupId, IReadOnlyList<Guid> PupilIds) : ICommand<int>;

internal sealed class AssignPupilsToGroupValidator : AbstractValidator<AssignPupilsToGroupCommand>
{
    public AssignPupilsToGroupValidator() =>
        RuleFor(c => c.PupilIds).NotEmpty().WithMessage("Choose at least one pupil to add to the group.");
}

public sealed class AssignPupilsToGroupHandler(PupilsDbContext db) : ICommandHandler<AssignPupilsToGroupCommand, int>
{
    public async ValueTask<int> Handle(AssignPupilsToGroupCommand command, CancellationToken cancellationToken)
    {
        if (!await db.RegistrationGroups.AnyAsync(g => g.Id == command.RegistrationGroupId, cancellationToken))
            throw new NotFoundException("No such registration group at this school.");
        var ids = command.PupilIds.Distinct().ToList();
        var found = await db.Pupils.CountAsync(p => ids.Contains(p.Id), cancellationToken);
        if (found != ids.Count)
            throw new NotFoundException("Some of those pupils are not at this school.");

        // One statement, filtered to this school like every query.
        return await db.Pupils.Where(p => ids.Contains(p.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.RegistrationGroupId, command.RegistrationGroupId), cancellationToken);
    }
}

/// <summary>Sets who tutors a group (and so takes its register): replaces the group's tutors with these users.</summary>
public sealed record SetGroupTutorsCommand(Guid RegistrationGroupId, IReadOnlyList<Guid> UserIds) : ICommand;

public sealed class SetGroupTutorsHandler(PupilsDbContext db, ISender sender, SchoolMis.Platform.Tenancy.ITenantContext tenant)
    : ICommandHandler<SetGroupTutorsCommand>
{
    public async ValueTask<Unit> Handle(SetGroupTutorsCommand command, CancellationToken cancellationToken)
    {
        var group = await db.RegistrationGroups.Include(g => g.Tutors).FirstOrDefaultAsync(g => g.Id == command.RegistrationGroupId, cancellationToken)
            ?? throw new NotFoundException("No such registration group at this school.");
        // Only this school's staff may tutor its groups; Identity owns who they are.
        var staff = (await sender.Send(new SchoolMis.Identity.Contracts.ListSchoolStaffQuery(tenant.Current.Id), cancellationToken))
            .Select(s => s.UserId).ToHashSet();
        var wanted = command.UserIds.Distinct().ToList();
        if (wanted.Any(id => !staff.Contains(id)))
            throw new DomainRuleException("Tutors must be staff of this school.", "UserIds");

        group.Tutors.RemoveAll(t => !wanted.Contains(t.UserId));
        foreach (var userId in wanted.Where(id => group.Tutors.All(t => t.UserId != id)))
            group.Tutors.Add(new GroupTutor { RegistrationGroupId = group.Id, UserId = userId });
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
