using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Platform;
using SchoolMis.Platform.Messaging;
using SchoolMis.Platform.Security;
using SchoolMis.Sen.Data;
using SchoolMis.Sen.Domain;

namespace SchoolMis.Sen.Features.PupilSen;

/// <summary>
/// Records a new provision period (no <paramref name="PeriodId"/>) or corrects one. A new period with no end becomes
/// the current one: the period open before it ends the day before it starts. EHC plan dates belong to E periods.
/// </summary>
public sealed record SaveSenPeriodCommand(Guid PupilId, Guid? PeriodId, string? Provision, DateOnly? StartDate, DateOnly? EndDate,
    IReadOnlyList<NeedInput> Needs, DateOnly? PlanIssueDate = null, DateOnly? PlanLastReviewDate = null, DateOnly? PlanReviewDue = null,
    bool SenUnit = false, bool ResourcedProvision = false) : ICommand<Guid>;

internal sealed class SaveSenPeriodValidator : AbstractValidator<SaveSenPeriodCommand>
{
    public SaveSenPeriodValidator()
    {
        RuleFor(c => c.StartDate).NotNull().WithMessage("Give the date the provision started.");
        RuleFor(c => c).Custom((c, context) =>
        {
            // Corrections may keep a legacy code on history; the handler refuses changing a period to one.
            foreach (var failure in SenRules.Check(c.Provision, c.StartDate, c.EndDate, c.Needs, history: c.PeriodId is not null))
                context.AddFailure(SenFields.Pascal(failure.Field), failure.Message);
            if (c.Provision != SenCodes.EhcPlan)
            {
                if (c.PlanIssueDate is not null || c.PlanLastReviewDate is not null || c.PlanReviewDue is not null)
                    context.AddFailure(nameof(c.PlanIssueDate), "EHC plan dates are kept only for an EHC plan (E).");
                return;
            }
            if (c.PeriodId is null && c.PlanIssueDate is null)
                context.AddFailure(nameof(c.PlanIssueDate), "Give the date the EHC plan was issued.");
            if (c.PlanIssueDate is { } issued)
            {
                if (c.PlanLastReviewDate < issued)
                    context.AddFailure(nameof(c.PlanLastReviewDate), "The last annual review cannot be before the plan was issued.");
                if (c.PlanReviewDue < issued)
                    context.AddFailure(nameof(c.PlanReviewDue), "The next review cannot be due before the plan was issued.");
            }
        });
    }
}

public sealed class SaveSenPeriodHandler(SenDbContext db, SenAccess access) : ICommandHandler<SaveSenPeriodCommand, Guid>
{
    public async ValueTask<Guid> Handle(SaveSenPeriodCommand command, CancellationToken cancellationToken)
    {
        access.RequireEditor();
        await access.PupilAsync(command.PupilId, cancellationToken);
        var periods = await db.Periods.Where(p => p.PupilId == command.PupilId).ToListAsync(cancellationToken);
        var (primary, secondary) = SenRules.Ranked(command.Needs);
        var provision = command.Provision!;

        SenProvisionPeriod period;
        if (command.PeriodId is { } id)
        {
            period = periods.SingleOrDefault(p => p.Id == id) ?? throw new NotFoundException("No such SEN provision period for this pupil.");
            if (provision != period.Provision && SenCodes.IsLegacy(provision))
                throw new DomainRuleException($"{provision} ({SenCodes.Describe(provision)}) is a legacy code kept only as history: a period is changed to N, K or E.",
                    nameof(command.Provision));
            period.ChangeProvision(provision);
            period.Change(command.StartDate, command.EndDate, primary, secondary);
        }
        else
        {
            period = SenProvisionPeriod.Start(command.PupilId, provision, command.StartDate, command.EndDate, primary, secondary);
            db.Periods.Add(period);
            periods.Add(period);
        }
        period.Place(command.SenUnit, command.ResourcedProvision);
        if (provision == SenCodes.EhcPlan)
            period.RecordPlan(command.PlanIssueDate, command.PlanLastReviewDate, command.PlanReviewDue);
        else
            period.RecordPlan(null, null, null);

        if (SenRules.Arrange(periods) is { } overlap)
            throw new DomainRuleException(overlap, nameof(command.StartDate));
        await db.SaveChangesAsync(cancellationToken);
        return period.Id;
    }
}

/// <summary>Removes a period recorded in error (its removal is audited like any change).</summary>
public sealed record DeleteSenPeriodCommand(Guid PupilId, Guid PeriodId) : ICommand;

public sealed class DeleteSenPeriodHandler(SenDbContext db, SenAccess access) : ICommandHandler<DeleteSenPeriodCommand>
{
    public async ValueTask<Unit> Handle(DeleteSenPeriodCommand command, CancellationToken cancellationToken)
    {
        access.RequireEditor();
        var period = await db.Periods.SingleOrDefaultAsync(p => p.Id == command.PeriodId && p.PupilId == command.PupilId, cancellationToken)
            ?? throw new NotFoundException("No such SEN provision period for this pupil.");
        db.Periods.Remove(period);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>Adds a dated note to a pupil's SEN record.</summary>
public sealed record AddSenNoteCommand(Guid PupilId, DateOnly? Date, string? Text) : ICommand<Guid>;

internal sealed class AddSenNoteValidator : AbstractValidator<AddSenNoteCommand>
{
    public AddSenNoteValidator()
    {
        RuleFor(c => c.Date).NotNull().WithMessage("Give the date of the note.");
        RuleFor(c => c.Text).NotEmpty().WithMessage("Write the note.").MaximumLength(4000);
    }
}

public sealed class AddSenNoteHandler(SenDbContext db, SenAccess access, ICurrentUser user, TimeProvider clock) : ICommandHandler<AddSenNoteCommand, Guid>
{
    public async ValueTask<Guid> Handle(AddSenNoteCommand command, CancellationToken cancellationToken)
    {
        access.RequireEditor();
        await access.PupilAsync(command.PupilId, cancellationToken);
        if (command.Date > clock.Today())
            throw new DomainRuleException("A note cannot be dated in the future.", nameof(command.Date));
        var note = SenNote.Write(command.PupilId, command.Date!.Value, command.Text!.Trim(), user.AuditName, clock.GetUtcNow());
        db.Notes.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        return note.Id;
    }
}

internal static class SenFields
{
    /// <summary>"needs[0].type" as the command's property path "Needs[0].Type".</summary>
    public static string Pascal(string field) =>
        string.Join('.', field.Split('.').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
}
