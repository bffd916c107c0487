using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Attendance.Data;
using SchoolMis.Attendance.Domain;
using SchoolMis.Platform.Messaging;
using SchoolMis.Platform.Security;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Attendance.Features.Registers;

/// <summary>
/// Records or amends the marks of one register in one go. New marks need no reason; changing a mark already
/// recorded needs one, and keeps the entry it replaces. When <see cref="SeenCodesGiven"/> is set, each entry says
/// which code the person saw before changing it: if someone else has changed that pupil's mark since, nothing is
/// saved and the conflict is reported, so two people taking the same register never silently overwrite each other.
/// Marks for different pupils from two people merge.
/// </summary>
/// <param name="ExpectedVersion">When given (an API caller's If-Match), the save is refused if the register has been saved since.</param>
/// <param name="GroupExternalIdOrCode">Names the group as the API does (its external id, or its code); used when RegistrationGroupId is empty.</param>
public sealed record TakeRegisterCommand(
    Guid RegistrationGroupId, DateOnly Date, Session Session, IReadOnlyList<MarkEntry> Marks, string? Reason,
    bool SeenCodesGiven, int? ExpectedVersion = null, string? GroupExternalIdOrCode = null) : ICommand<TakeRegisterResult>;

/// <param name="Code">The code to record; null or empty leaves the pupil as they are (a mark is never removed).</param>
/// <param name="SeenCode">The code the person saw for this pupil before editing (null: no mark).</param>
/// <param name="PupilExternalId">Names the pupil by their id in the previous MIS instead (API callers); used when PupilId is empty.</param>
public sealed record MarkEntry(Guid PupilId, string? Code, int? MinutesLate = null, string? Comment = null, string? SeenCode = null,
    string? PupilExternalId = null);

/// <param name="Version">The register's version after the save (its ETag).</param>
public sealed record TakeRegisterResult(int Recorded, int Amended, int Unchanged, int StillUnmarked, IReadOnlyList<string> RecordedAsU, int Version);

/// <summary>Someone else changed these pupils' marks since the register was opened; nothing was saved.</summary>
public sealed class RegisterConflictException(IReadOnlyList<string> pupils)
    : ConflictException($"Someone else changed the marks of {string.Join(", ", pupils)} while you had this register open. Nothing was saved: check their marks and save again.")
{
    public IReadOnlyList<string> Pupils { get; } = pupils;
}

internal sealed class TakeRegisterValidator : AbstractValidator<TakeRegisterCommand>
{
    public TakeRegisterValidator()
    {
        RuleFor(c => c.Marks).NotNull();
        RuleForEach(c => c.Marks).ChildRules(mark =>
        {
            mark.RuleFor(m => m.MinutesLate).InclusiveBetween(0, 300).WithMessage("Minutes late must be between 0 and 300.");
            mark.RuleFor(m => m.Comment).MaximumLength(200);
        });
        RuleFor(c => c.Reason).MaximumLength(500);
    }
}

public sealed class TakeRegisterHandler(AttendanceDbContext db, ISender sender, ICurrentUser user, TimeProvider clock, CalendarCache calendars)
    : ICommandHandler<TakeRegisterCommand, TakeRegisterResult>
{
    public async ValueTask<TakeRegisterResult> Handle(TakeRegisterCommand command, CancellationToken cancellationToken)
    {
        var group = await sender.Send(command.RegistrationGroupId != Guid.Empty
                ? new FindRegistrationGroupQuery(command.RegistrationGroupId)
                : new FindRegistrationGroupQuery(ExternalIdOrCode: command.GroupExternalIdOrCode), cancellationToken)
            ?? throw new NotFoundException("No such registration group at this school.");
        RegisterAccess.Check(user, group);
        var calendar = await calendars.GetAsync(db, cancellationToken);
        if (!calendar.IsSchoolDay(command.Date))
            throw new DomainRuleException($"{command.Date:dddd d MMMM yyyy} is not a school day in this school's calendar, so it has no sessions.", "Date");
        var roll = (await sender.Send(new GetRegistrationGroupRollQuery(group.RegistrationGroupId, command.Date), cancellationToken))
            .ToDictionary(p => p.PupilId);

        var byExternalId = roll.Values.Where(p => p.ExternalId is not null).ToDictionary(p => p.ExternalId!);
        var entries = Check(command, roll, byExternalId, calendar, out var recordedAsU);

        // Two people may save at the same moment: a clash on the unique mark or the register's version means the
        // other save won the race. Read again and re-apply, which either merges or reports the conflict.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ApplyAsync(command, group, roll, entries, recordedAsU, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private List<(MarkEntry Entry, AttendanceCode Code)> Check(TakeRegisterCommand command, Dictionary<Guid, PupilSummary> roll,
        Dictionary<string, PupilSummary> byExternalId, CalendarView calendar, out List<string> recordedAsU)
    {
        var failures = new List<ValidationFailure>();
        var entries = new List<(MarkEntry, AttendanceCode)>();
        recordedAsU = [];
        var openMinutes = calendar.RegisterOpenMinutes(command.Date);
        for (var i = 0; i < command.Marks.Count; i++)
        {
            var entry = command.Marks[i];
            var pupil = entry.PupilId != Guid.Empty ? roll.GetValueOrDefault(entry.PupilId)
                : entry.PupilExternalId is { } externalId ? byExternalId.GetValueOrDefault(externalId) : null;
            if (pupil is null)
            {
                failures.Add(entry.PupilId != Guid.Empty
                    ? new($"Marks[{i}].PupilId", $"Pupil {entry.PupilId} is not on this register on {command.Date:yyyy-MM-dd}.")
                    : new($"Marks[{i}].PupilExternalId", $"No pupil '{entry.PupilExternalId}' is on this register on {command.Date:yyyy-MM-dd}."));
                continue;
            }
            if (string.IsNullOrWhiteSpace(entry.Code))
                continue;
            var codeText = entry.Code.Trim().ToUpperInvariant();
            if (AttendanceCodes.Refusal(codeText, command.Date) is { } refusal)
            {
                failures.Add(new($"Marks[{i}].Code", $"{pupil.RegisterName}: {refusal}"));
                continue;
            }
            // After the register closes a late arrival is U (unauthorised), unless an admin records otherwise. Marks
            // loaded through the API (a migration's history) are kept as the source school recorded them.
            if (codeText == "L" && entry.MinutesLate > openMinutes && user.UserId is not null && !user.IsSchoolAdmin)
            {
                codeText = "U";
                recordedAsU.Add(pupil.RegisterName);
            }
            var comment = string.IsNullOrWhiteSpace(entry.Comment) ? null : entry.Comment.Trim();
            entries.Add((entry with { PupilId = pupil.PupilId, Code = codeText, Comment = comment }, AttendanceCodes.On(codeText, command.Date)!));
        }
        if (failures.Count > 0)
            throw new ValidationException(failures);
        return entries;
    }

    private async Task<TakeRegisterResult> ApplyAsync(TakeRegisterCommand command, RegistrationGroupSummary group,
        Dictionary<Guid, PupilSummary> roll, List<(MarkEntry Entry, AttendanceCode Code)> entries, List<string> recordedAsU, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var who = user.AuditName;
        // The whole register's marks in one read: the entries' pupils, and the rest to count who is still unmarked.
        var pupilIds = roll.Keys.ToList();
        var existing = await db.Marks
            .Where(m => m.Date == command.Date && m.Session == command.Session && pupilIds.Contains(m.PupilId))
            .ToDictionaryAsync(m => m.PupilId, ct);
        var register = await db.Registers.FirstOrDefaultAsync(
            r => r.RegistrationGroupId == group.RegistrationGroupId && r.Date == command.Date && r.Session == command.Session, ct);
        if (command.ExpectedVersion is { } expected && expected != (register?.Version ?? 0))
            throw new PreconditionFailedException("The register has been saved by someone else since you read it. Read it again and re-apply your changes.");

        var conflicts = new List<string>();
        var amendments = new List<(AttendanceMark Mark, MarkEntry Entry, AttendanceCode Code)>();
        int recorded = 0, unchanged = 0;
        foreach (var (entry, code) in entries)
        {
            existing.TryGetValue(entry.PupilId, out var mark);
            if (command.SeenCodesGiven && mark?.Code != NullIfEmpty(entry.SeenCode) && mark?.Code != code.Code)
            {
                conflicts.Add(roll[entry.PupilId].RegisterName);
                continue;
            }
            if (mark is null)
            {
                db.Marks.Add(AttendanceMark.Record(entry.PupilId, command.Date, command.Session, code, entry.MinutesLate, entry.Comment,
                    group.RegistrationGroupId, now, who));
                recorded++;
            }
            else if (mark.Matches(code.Code, entry.MinutesLate, entry.Comment))
                unchanged++;
            else
                amendments.Add((mark, entry, code));
        }
        if (conflicts.Count > 0)
            throw new RegisterConflictException(conflicts);
        if (amendments.Count > 0 && string.IsNullOrWhiteSpace(command.Reason))
        {
            var names = string.Join(", ", amendments.Select(a => roll[a.Entry.PupilId].RegisterName));
            throw new ValidationException([new ValidationFailure(nameof(command.Reason),
                $"Give a reason for changing marks already recorded ({names}). The original entries are kept.")]);
        }
        foreach (var (mark, entry, code) in amendments)
            db.Amendments.Add(mark.Amend(code, entry.MinutesLate, entry.Comment, command.Reason!.Trim(), now, who));

        if (register is null)
            db.Registers.Add(register = new RegisterRecord
            {
                RegistrationGroupId = group.RegistrationGroupId, Date = command.Date, Session = command.Session,
                FirstTakenAt = now, FirstTakenBy = who, LastSavedAt = now, LastSavedBy = who, Version = 1,
            });
        else
        {
            register.LastSavedAt = now;
            register.LastSavedBy = who;
            register.Version++;
        }

        await db.SaveChangesAsync(ct);
        var marked = existing.Keys.Union(entries.Select(e => e.Entry.PupilId)).Count();
        return new TakeRegisterResult(recorded, amendments.Count, unchanged, roll.Count - marked, recordedAsU, register.Version);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
