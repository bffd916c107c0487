using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Platform.Messaging;
using SchoolMis.Pupils.Data;

namespace SchoolMis.Pupils.Features.EditPupil;

/// <summary>Corrects or updates a pupil's details.</summary>
public sealed record EditPupilCommand(Guid PupilId, PupilDetails Details) : ICommand;

internal sealed class EditPupilValidator : AbstractValidator<EditPupilCommand>
{
    public EditPupilValidator(TimeProvider clock) =>
        RuleFor(c => c.Details).NotNull().SetValidator(new PupilDetailsValidator(clock));
}

public sealed class EditPupilHandler(PupilsDbContext db) : ICommandHandler<EditPupilCommand>
{
    public async ValueTask<Unit> Handle(EditPupilCommand command, CancellationToken cancellationToken)
    {
        var pupil = await db.Pupils.FirstOrDefaultAsync(p => p.Id == command.PupilId, cancellationToken)
            ?? throw new NotFoundException("No such pupil at this school.");
        await PupilUniqueness.CheckAsync(db, command.Details, pupil.Id, cancellationToken);
        command.Details.ApplyTo(pupil);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
