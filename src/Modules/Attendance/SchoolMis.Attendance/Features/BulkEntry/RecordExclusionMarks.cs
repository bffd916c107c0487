using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Attendance.Contracts;
using SchoolMis.Attendance.Data;
using SchoolMis.Attendance.Domain;
using SchoolMis.Platform.Messaging;
using SchoolMis.Platform.Security;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Attendance.Features.BulkEntry;

/// <summary>
/// E for the sessions of an exclusion without alternative provision (the Exclusions module asks through the contract).
/// It is bulk entry of one code for one pupil, so it goes through the same <see cref="BulkMarks"/> save: existing
/// marks are amended with the reason and the originals kept. The marks carry a comment naming the exclusion record,
/// which is how a later change of dates finds the sessions to put back.
/// </summary>
public sealed class RecordExclusionMarksHandler(AttendanceDbContext db, ISender sender, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<RecordExclusionMarksCommand, ExclusionMarksResult>
{
    public static string MarkComment(Guid exclusionId) => $"Exclusion record {exclusionId:N}";

    public async ValueTask<ExclusionMarksResult> Handle(RecordExclusionMarksCommand command, CancellationToken cancellationToken)
    {
        var pupil = (await sender.Send(new GetPupilSummariesQuery([command.PupilId]), cancellationToken)).SingleOrDefault()
            ?? throw new NotFoundException("No such pupil at this school.");
        var marker = MarkComment(command.ExclusionId);
        var reason = string.IsNullOrWhiteSpace(command.Reason) ? marker : command.Reason.Trim();
        var days = new List<DateOnly>();
        if (command.Days.Count > 0)
        {
            var calendar = await db.LoadAsync(command.Days.Min(), command.Days.Max(), cancellationToken);
            days = command.Days.Distinct().Where(calendar.IsSchoolDay).Order().ToList();
        }
        var wanted = days.ToHashSet();

        // Sessions this exclusion marked before that are no longer in it: back to the entry the E replaced.
        var now = clock.GetUtcNow();
        var who = user.AuditName;
        var earlier = await db.Marks.Where(m => m.PupilId == command.PupilId && m.Comment == marker).ToListAsync(cancellationToken);
        var outside = earlier.Where(m => !wanted.Contains(m.Date)).ToList();
        int restored = 0, leftAsE = 0;
        if (outside.Count > 0)
        {
            var ids = outside.Select(m => m.Id).ToList();
            var amendments = await db.Amendments.AsNoTracking().Where(a => ids.Contains(a.MarkId) && a.NewCode == "E" && a.NewComment == marker)
                .ToListAsync(cancellationToken);
            foreach (var mark in outside)
            {
                var replaced = amendments.Where(a => a.MarkId == mark.Id).OrderByDescending(a => a.AmendedAt).FirstOrDefault();
                if (replaced is null || mark.Code != "E" || AttendanceCodes.On(replaced.PreviousCode, mark.Date) is not { } previous)
                {
                    leftAsE++;
                    continue;
                }
                db.Amendments.Add(mark.Amend(previous, replaced.PreviousMinutesLate, replaced.PreviousComment, reason, now, who));
                restored++;
            }
        }

        if (days.Count == 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            return new ExclusionMarksResult(0, 0, 0, restored, leftAsE);
        }
        var slots = days.SelectMany(d => new[] { Session.AM, Session.PM }.Select(s => (pupil.PupilId, pupil.RegistrationGroupId, d, s))).ToList();
        // One save for the restored sessions and the new E marks.
        var result = await BulkMarks.ApplyAsync(db, user, clock, slots, "E", marker, reason, days.Count, cancellationToken);
        return new ExclusionMarksResult(result.Recorded, result.Amended, result.Unchanged, restored, leftAsE);
    }
}
