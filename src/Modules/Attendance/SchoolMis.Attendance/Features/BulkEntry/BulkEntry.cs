using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Attendance.Data;
using SchoolMis.Attendance.Domain;
using SchoolMis.Platform.Messaging;
using SchoolMis.Platform.Security;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Attendance.Features.BulkEntry;

public enum SessionChoice
{
    Both = 0,
    AM = 1,
    PM = 2,
}

/// <summary>
/// One code for one pupil on every school day of a period (a known absence, a part-time timetable). Marks already
/// recorded in the period are amended, which needs a reason and keeps the originals.
/// </summary>
public sealed record RecordCodeForPeriodCommand(Guid PupilId, DateOnly? From, DateOnly? To, SessionChoice Sessions, string Code,
    string? Comment, string? Reason) : ICommand<BulkResult>;

/// <summary>A planned whole-school closure (#) for a day: every pupil on roll, both sessions.</summary>
public sealed record RecordSchoolClosureCommand(DateOnly? Date, string? Reason) : ICommand<BulkResult>;

public sealed record BulkResult(int Recorded, int Amended, int Unchanged, int SchoolDays);

internal sealed class RecordCodeForPeriodValidator : AbstractValidator<RecordCodeForPeriodCommand>
{
    public RecordCodeForPeriodValidator()
    {
        RuleFor(c => c.From).NotNull().WithMessage("Enter the first day.");
        RuleFor(c => c.To).NotNull().WithMessage("Enter the last day.")
            .Must((c, to) => c.From is null || to is null || (to >= c.From && to.Value.DayNumber - c.From.Value.DayNumber <= 366))
            .WithMessage("The last day must be on or after the first, within a year.");
        RuleFor(c => c.Code).NotEmpty().WithMessage("Enter the code to record.");
        RuleFor(c => c.Comment).MaximumLength(200);
        RuleFor(c => c.Reason).MaximumLength(500);
    }
}

internal sealed class RecordSchoolClosureValidator : AbstractValidator<RecordSchoolClosureCommand>
{
    public RecordSchoolClosureValidator() => RuleFor(c => c.Date).NotNull().WithMessage("Enter the day of the closure.");
}

internal static class BulkMarks
{
    /// <summary>Records or amends a set of marks in one save; amendments need the reason.</summary>
    public static async Task<BulkResult> ApplyAsync(AttendanceDbContext db, ICurrentUser user, TimeProvider clock,
        IReadOnlyList<(Guid PupilId, Guid? GroupId, DateOnly Date, Session Session)> slots, string codeText, string? comment, string? reason,
        int schoolDays, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var who = user.AuditName;
        var pupilIds = slots.Select(s => s.PupilId).Distinct().ToList();
        var dates = slots.Select(s => s.Date).Distinct().ToList();
        var from = dates.Min();
        var to = dates.Max();
        var existing = await db.Marks.Where(m => pupilIds.Contains(m.PupilId) && m.Date >= from && m.Date <= to)
            .ToDictionaryAsync(m => (m.PupilId, m.Date, m.Session), ct);

        int recorded = 0, unchanged = 0;
        var toAmend = new List<(AttendanceMark Mark, AttendanceCode Code)>();
        foreach (var slot in slots)
        {
            var code = AttendanceCodes.On(codeText, slot.Date)!;
            if (!existing.TryGetValue((slot.PupilId, slot.Date, slot.Session), out var mark))
            {
                db.Marks.Add(AttendanceMark.Record(slot.PupilId, slot.Date, slot.Session, code, null, comment, slot.GroupId, now, who));
                recorded++;
            }
            else if (mark.Matches(code.Code, null, comment))
                unchanged++;
            else
                toAmend.Add((mark, code));
        }
        if (toAmend.Count > 0 && string.IsNullOrWhiteSpace(reason))
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("Reason",
                $"{toAmend.Count} of these sessions already have marks. Give a reason for changing them; the original entries are kept.")]);
        foreach (var (mark, code) in toAmend)
            db.Amendments.Add(mark.Amend(code, null, comment, reason!.Trim(), now, who));
        await db.SaveChangesAsync(ct);
        return new BulkResult(recorded, toAmend.Count, unchanged, schoolDays);
    }

    public static IEnumerable<Session> Sessions(SessionChoice choice) => choice switch
    {
        SessionChoice.AM => [Session.AM],
        SessionChoice.PM => [Session.PM],
        _ => [Session.AM, Session.PM],
    };
}

public sealed class RecordCodeForPeriodHandler(AttendanceDbContext db, ISender sender, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<RecordCodeForPeriodCommand, BulkResult>
{
    public async ValueTask<BulkResult> Handle(RecordCodeForPeriodCommand command, CancellationToken cancellationToken)
    {
        var pupil = (await sender.Send(new GetPupilSummariesQuery([command.PupilId]), cancellationToken)).SingleOrDefault()
            ?? throw new NotFoundException("No such pupil at this school.");
        var from = command.From!.Value;
        var to = command.To!.Value;
        var code = command.Code.Trim().ToUpperInvariant();
        var calendar = await db.LoadAsync(from, to, cancellationToken);
        var days = calendar.SchoolDays(from, to).ToList();
        if (days.Count == 0)
            throw new DomainRuleException("There are no school days in that period.", "From");
        // Codes are date-effective: refuse the whole period if the code is not valid on any day of it.
        if (days.Select(d => AttendanceCodes.Refusal(code, d)).FirstOrDefault(r => r is not null) is { } refusal)
            throw new DomainRuleException(refusal, "Code");
        var slots = days.SelectMany(d => BulkMarks.Sessions(command.Sessions).Select(s => (pupil.PupilId, pupil.RegistrationGroupId, d, s))).ToList();
        return await BulkMarks.ApplyAsync(db, user, clock, slots, code, string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim(),
            command.Reason, days.Count, cancellationToken);
    }
}

public sealed class RecordSchoolClosureHandler(AttendanceDbContext db, ISender sender, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<RecordSchoolClosureCommand, BulkResult>
{
    public async ValueTask<BulkResult> Handle(RecordSchoolClosureCommand command, CancellationToken cancellationToken)
    {
        var date = command.Date!.Value;
        var calendar = await db.LoadAsync(date, date, cancellationToken);
        if (!calendar.IsSchoolDay(date))
            throw new DomainRuleException($"{date:dddd d MMMM yyyy} is not a school day, so there is nothing to close.", "Date");
        var pupils = await sender.Send(new GetPupilsOnRollQuery(date), cancellationToken);
        if (pupils.Count == 0)
            throw new DomainRuleException("No pupils are on roll that day.", "Date");
        var slots = pupils.SelectMany(p => new[] { Session.AM, Session.PM }.Select(s => (p.PupilId, p.RegistrationGroupId, date, s))).ToList();
        return await BulkMarks.ApplyAsync(db, user, clock, slots, "#", null, command.Reason, 1, cancellationToken);
    }
}
