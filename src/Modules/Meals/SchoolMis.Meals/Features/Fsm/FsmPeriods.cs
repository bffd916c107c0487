using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Meals.Data;
using SchoolMis.Meals.Domain;
using SchoolMis.Platform.Messaging;
using SchoolMis.Platform.Security;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Meals.Features.Fsm;

/// <summary>Records a period of FSM eligibility for a pupil (school admins only).</summary>
public sealed record RecordFsmPeriodCommand(Guid PupilId, DateOnly? StartDate, DateOnly? EndDate, string? UkCountry) : ICommand<Guid>;

/// <summary>Changes a period's dates or country, e.g. to end it when eligibility stops.</summary>
public sealed record ChangeFsmPeriodCommand(Guid FsmPeriodId, DateOnly? StartDate, DateOnly? EndDate, string? UkCountry) : ICommand;

/// <summary>Removes a period recorded in error (the audit trail keeps what it was).</summary>
public sealed record RemoveFsmPeriodCommand(Guid FsmPeriodId) : ICommand;

internal sealed class RecordFsmPeriodValidator : AbstractValidator<RecordFsmPeriodCommand>
{
    public RecordFsmPeriodValidator()
    {
        RuleFor(c => c.StartDate).NotNull().WithMessage("Give the date eligibility started.");
        RuleFor(c => c.EndDate).GreaterThanOrEqualTo(c => c.StartDate).When(c => c.StartDate is not null && c.EndDate is not null)
            .WithMessage("The end date must be on or after the start date.");
        RuleFor(c => c.UkCountry).Must(c => c is null || FsmRules.UkCountries.ContainsKey(c))
            .WithMessage("The UK country is ENG, WLS, SCT or NIR.");
    }
}

internal sealed class ChangeFsmPeriodValidator : AbstractValidator<ChangeFsmPeriodCommand>
{
    public ChangeFsmPeriodValidator()
    {
        RuleFor(c => c.StartDate).NotNull().WithMessage("Give the date eligibility started.");
        RuleFor(c => c.EndDate).GreaterThanOrEqualTo(c => c.StartDate).When(c => c.StartDate is not null && c.EndDate is not null)
            .WithMessage("The end date must be on or after the start date.");
        RuleFor(c => c.UkCountry).Must(c => c is null || FsmRules.UkCountries.ContainsKey(c))
            .WithMessage("The UK country is ENG, WLS, SCT or NIR.");
    }
}

internal static class FsmOverlap
{
    /// <summary>Refuses a period that overlaps another of the pupil's periods (other than the one being changed).</summary>
    public static async Task CheckAsync(MealsDbContext db, Guid pupilId, DateOnly start, DateOnly? end, Guid? except, CancellationToken ct)
    {
        var others = await db.FsmPeriods.AsNoTracking().Where(p => p.PupilId == pupilId && p.Id != except).ToListAsync(ct);
        if (others.FirstOrDefault(o => o.Overlaps(start, end)) is { } clash)
            throw new DomainRuleException(FsmRules.OverlapMessage(start, end, clash), "StartDate");
    }
}

public sealed class RecordFsmPeriodHandler(MealsDbContext db, ISender sender, ICurrentUser user, TimeProvider clock) : ICommandHandler<RecordFsmPeriodCommand, Guid>
{
    public async ValueTask<Guid> Handle(RecordFsmPeriodCommand command, CancellationToken cancellationToken)
    {
        MealsAccess.RequireAdmin(user);
        if ((await sender.Send(new GetPupilSummariesQuery([command.PupilId]), cancellationToken)).Count == 0)
            throw new NotFoundException("No such pupil at this school.");
        var start = command.StartDate!.Value;
        await FsmOverlap.CheckAsync(db, command.PupilId, start, command.EndDate, null, cancellationToken);
        var period = FsmPeriod.Record(command.PupilId, start, command.EndDate, command.UkCountry ?? "ENG", clock.GetUtcNow(), user.AuditName);
        db.FsmPeriods.Add(period);
        await db.SaveChangesAsync(cancellationToken);
        return period.Id;
    }
}

public sealed class ChangeFsmPeriodHandler(MealsDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<ChangeFsmPeriodCommand>
{
    public async ValueTask<Unit> Handle(ChangeFsmPeriodCommand command, CancellationToken cancellationToken)
    {
        MealsAccess.RequireAdmin(user);
        var period = await db.FsmPeriods.FirstOrDefaultAsync(p => p.Id == command.FsmPeriodId, cancellationToken)
            ?? throw new NotFoundException("No such FSM period at this school.");
        var start = command.StartDate!.Value;
        await FsmOverlap.CheckAsync(db, period.PupilId, start, command.EndDate, period.Id, cancellationToken);
        period.Change(start, command.EndDate, command.UkCountry ?? period.UkCountry, clock.GetUtcNow(), user.AuditName);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

public sealed class RemoveFsmPeriodHandler(MealsDbContext db, ICurrentUser user) : ICommandHandler<RemoveFsmPeriodCommand>
{
    public async ValueTask<Unit> Handle(RemoveFsmPeriodCommand command, CancellationToken cancellationToken)
    {
        MealsAccess.RequireAdmin(user);
        var period = await db.FsmPeriods.FirstOrDefaultAsync(p => p.Id == command.FsmPeriodId, cancellationToken)
            ?? throw new NotFoundException("No such FSM period at this school.");
        db.FsmPeriods.Remove(period);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
