using FluentValidation;
using Mediator;
using SchoolMis.Pupils.Data;
using SchoolMis.Pupils.Domain;

namespace SchoolMis.Pupils.Features.AddPupil;

/// <summary>Admits a pupil: adds them to the school's roll from their admission date.</summary>
public sealed record AddPupilCommand(PupilDetails Details) : ICommand<Guid>;

internal sealed class AddPupilValidator : AbstractValidator<AddPupilCommand>
{
    public AddPupilValidator(TimeProvider clock) =>
        RuleFor(c => c.Details).NotNull().SetValidator(new PupilDetailsValidator(clock));
}

public sealed class AddPupilHandler(PupilsDbContext db) : ICommandHandler<AddPupilCommand, Guid>
{
    public async ValueTask<Guid> Handle(AddPupilCommand command, CancellationToken cancellationToken)
    {
        await PupilUniqueness.CheckAsync(db, command.Details, exceptPupilId: null, cancellationToken);
        var pupil = new Pupil { Upn = "", Surname = "", Forename = "", Sex = "", AdmissionNumber = "", EnrolmentStatus = "", NcYear = "" };
        command.Details.ApplyTo(pupil);
        db.Pupils.Add(pupil);
        await db.SaveChangesAsync(cancellationToken);
        return pupil.Id;
    }
}
