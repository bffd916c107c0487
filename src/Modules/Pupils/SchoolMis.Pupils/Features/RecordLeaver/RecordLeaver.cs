using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Platform.Messaging;
using SchoolMis.Pupils.Data;

namespace SchoolMis.Pupils.Features.RecordLeaver;

/// <summary>
/// Marks a pupil as leaving on a date (their first day off roll). The record stays: a pupil never disappears.
/// A null date cancels a leaving date recorded in error.
/// </summary>
public sealed record RecordLeaverCommand(Guid PupilId, DateOnly? LeavingDate, string? LeavingReason) : ICommand;

internal sealed class RecordLeaverValidator : AbstractValidator<RecordLeaverCommand>
{
    public RecordLeaverValidator() => RuleFor(c => c.LeavingReason).MaximumLength(200);
}

public sealed class RecordLeaverHandler(PupilsDbContext db) : ICommandHandler<RecordLeaverCommand>
{
    public async ValueTask<Unit> Handle(RecordLeaverCommand command, CancellationToken cancellationToken)
    {
        var pupil = await db.Pupils.FirstOrDefaultAsync(p => p.Id == command.PupilId, cancellationToken)
            ?? throw new NotFoundException("No such pupil at this school.");
        if (command.LeavingDate is { } date)
            pupil.RecordLeaving(date, string.IsNullOrWhiteSpace(command.LeavingReason) ? null : command.LeavingReason.Trim());
        else
            pupil.CancelLeaving();
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
