using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Medical.Data;
using SchoolMis.Medical.Domain;
using SchoolMis.Medical.Features.Access;
using SchoolMis.Platform;
using SchoolMis.Platform.Messaging;
using SchoolMis.Platform.Security;

namespace SchoolMis.Medical.Features.Record;

/// <summary>What the office records about one condition, allergy, medication or dietary need.</summary>
public sealed record MedicalItemDetails(MedicalItemKind? Kind, string? Description, MedicalSeverity? Severity, bool Alert, string? Notes,
    string? Dose, string? Timing, string? Storage, DateOnly? Expiry);

/// <summary>Adds an item (no <paramref name="ItemId"/>) or changes one. Returns the item's id.</summary>
public sealed record SaveMedicalItemCommand(Guid PupilId, Guid? ItemId, MedicalItemDetails Details) : ICommand<Guid>;

public sealed record RemoveMedicalItemCommand(Guid PupilId, Guid ItemId) : ICommand;

/// <summary>Sets the pupil's doctor; an empty name removes it.</summary>
public sealed record SetPupilDoctorCommand(Guid PupilId, string? Name, string? Practice, string? Phone) : ICommand;

public sealed record LogMedicalEventCommand(Guid PupilId, DateOnly? Date, TimeOnly? Time, MedicalEventKind? Kind, string? Description,
    string? GivenBy, bool ParentInformed) : ICommand<Guid>;

/// <summary>Shared by the form and the import so both refuse the same things with the same words.</summary>
internal sealed class MedicalItemDetailsValidator : AbstractValidator<MedicalItemDetails>
{
    public MedicalItemDetailsValidator()
    {
        RuleFor(d => d.Kind).NotNull().WithMessage("Choose whether this is a condition, an allergy, a medication or a dietary need.");
        RuleFor(d => d.Description).NotEmpty().WithMessage("Describe the condition, allergy, medication or dietary need.").MaximumLength(500);
        RuleFor(d => d.Notes).MaximumLength(2000);
        RuleFor(d => d.Dose).MaximumLength(200);
        RuleFor(d => d.Timing).MaximumLength(200);
        RuleFor(d => d.Storage).MaximumLength(200);
    }
}

internal sealed class SaveMedicalItemValidator : AbstractValidator<SaveMedicalItemCommand>
{
    public SaveMedicalItemValidator() => RuleFor(c => c.Details).NotNull().SetValidator(new MedicalItemDetailsValidator());
}

internal sealed class SetPupilDoctorValidator : AbstractValidator<SetPupilDoctorCommand>
{
    public SetPupilDoctorValidator()
    {
        RuleFor(c => c.Name).MaximumLength(200);
        RuleFor(c => c.Practice).MaximumLength(200);
        RuleFor(c => c.Phone).Matches(@"^[0-9 +()-]{6,30}$").When(c => !string.IsNullOrWhiteSpace(c.Phone))
            .WithMessage("A phone number is 6 to 30 digits, spaces, +, ( ) or -.");
        RuleFor(c => c.Name).NotEmpty().When(c => !string.IsNullOrWhiteSpace(c.Practice) || !string.IsNullOrWhiteSpace(c.Phone))
            .WithMessage("Give the doctor's name.");
    }
}

internal sealed class LogMedicalEventValidator : AbstractValidator<LogMedicalEventCommand>
{
    public LogMedicalEventValidator(TimeProvider clock)
    {
        RuleFor(c => c.Date).NotNull().WithMessage("Give the date it happened.")
            .LessThanOrEqualTo(_ => clock.Today()).WithMessage("The date cannot be in the future.");
        RuleFor(c => c.Time).NotNull().WithMessage("Give the time it happened.");
        RuleFor(c => c.Kind).NotNull().WithMessage("Choose first aid, medicine given or other.");
        RuleFor(c => c.Description).NotEmpty().WithMessage("Say what happened and what was done.").MaximumLength(1000);
        RuleFor(c => c.GivenBy).NotEmpty().WithMessage("Say who gave the first aid or medicine.").MaximumLength(200);
    }
}

internal static class MedicalItemMapping
{
    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static void Apply(this MedicalItem item, MedicalItemDetails d)
    {
        item.Kind = d.Kind!.Value;
        item.Description = d.Description!.Trim();
        item.Severity = d.Severity;
        item.Alert = d.Alert;
        item.Notes = Clean(d.Notes);
        item.Dose = Clean(d.Dose);
        item.Timing = Clean(d.Timing);
        item.Storage = Clean(d.Storage);
        item.Expiry = d.Expiry;
    }
}

public sealed class SaveMedicalItemHandler(MedicalDbContext db, MedicalAccess access) : ICommandHandler<SaveMedicalItemCommand, Guid>
{
    public async ValueTask<Guid> Handle(SaveMedicalItemCommand command, CancellationToken cancellationToken)
    {
        await access.CheckCanEditAsync(command.PupilId, cancellationToken);
        MedicalItem item;
        if (command.ItemId is { } id)
        {
            item = await db.Items.FirstOrDefaultAsync(i => i.Id == id && i.PupilId == command.PupilId, cancellationToken)
                ?? throw new NotFoundException("No such item on this pupil's medical record.");
        }
        else
        {
            item = new MedicalItem { PupilId = command.PupilId, Description = "" };
            db.Items.Add(item);
        }
        item.Apply(command.Details);
        await db.SaveChangesAsync(cancellationToken);
        return item.Id;
    }
}

public sealed class RemoveMedicalItemHandler(MedicalDbContext db, MedicalAccess access) : ICommandHandler<RemoveMedicalItemCommand>
{
    public async ValueTask<Unit> Handle(RemoveMedicalItemCommand command, CancellationToken cancellationToken)
    {
        await access.CheckCanEditAsync(command.PupilId, cancellationToken);
        var item = await db.Items.FirstOrDefaultAsync(i => i.Id == command.ItemId && i.PupilId == command.PupilId, cancellationToken)
            ?? throw new NotFoundException("No such item on this pupil's medical record.");
        db.Items.Remove(item);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

public sealed class SetPupilDoctorHandler(MedicalDbContext db, MedicalAccess access) : ICommandHandler<SetPupilDoctorCommand>
{
    public async ValueTask<Unit> Handle(SetPupilDoctorCommand command, CancellationToken cancellationToken)
    {
        await access.CheckCanEditAsync(command.PupilId, cancellationToken);
        var doctor = await db.Doctors.FirstOrDefaultAsync(d => d.PupilId == command.PupilId, cancellationToken);
        if (string.IsNullOrWhiteSpace(command.Name))
        {
            if (doctor is not null)
                db.Doctors.Remove(doctor);
        }
        else
        {
            if (doctor is null)
                db.Doctors.Add(doctor = new PupilDoctor { PupilId = command.PupilId, Name = "" });
            doctor.Name = command.Name.Trim();
            doctor.Practice = string.IsNullOrWhiteSpace(command.Practice) ? null : command.Practice.Trim();
            doctor.Phone = string.IsNullOrWhiteSpace(command.Phone) ? null : command.Phone.Trim();
        }
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

public sealed class LogMedicalEventHandler(MedicalDbContext db, MedicalAccess access, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<LogMedicalEventCommand, Guid>
{
    public async ValueTask<Guid> Handle(LogMedicalEventCommand command, CancellationToken cancellationToken)
    {
        await access.CheckCanEditAsync(command.PupilId, cancellationToken);
        var entry = new MedicalEvent
        {
            PupilId = command.PupilId, Date = command.Date!.Value, Time = command.Time!.Value, Kind = command.Kind!.Value,
            Description = command.Description!.Trim(), GivenBy = command.GivenBy!.Trim(), ParentInformed = command.ParentInformed,
            RecordedBy = user.AuditName, RecordedAt = clock.GetUtcNow(),
        };
        db.Events.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return entry.Id;
    }
}
