using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Attendance.Data;
using SchoolMis.Attendance.Domain;
using SchoolMis.Platform.Messaging;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Attendance.Features.PupilAttendance;

/// <summary>One pupil's marks over a period, with every amendment: the original entry, the new one, why, when and who.</summary>
public sealed record GetPupilAttendanceQuery(Guid PupilId, DateOnly From, DateOnly To) : IQuery<PupilAttendance>;

public sealed record PupilAttendance(PupilSummary Pupil, IReadOnlyList<MarkHistory> Marks, IReadOnlyList<AmendmentEntry> Amendments);

public sealed record MarkHistory(DateOnly Date, Session Session, string Code, MarkCategory Category, int? MinutesLate, string? Comment,
    string RecordedBy, DateTimeOffset RecordedAt, bool Amended);

public sealed record AmendmentEntry(DateOnly Date, Session Session, string PreviousCode, int? PreviousMinutesLate, string PreviousRecordedBy,
    DateTimeOffset PreviousRecordedAt, string NewCode, int? NewMinutesLate, string Reason, string AmendedBy, DateTimeOffset AmendedAt);

public sealed class GetPupilAttendanceHandler(AttendanceDbContext db, ISender sender) : IQueryHandler<GetPupilAttendanceQuery, PupilAttendance>
{
    public async ValueTask<PupilAttendance> Handle(GetPupilAttendanceQuery query, CancellationToken cancellationToken)
    {
        var pupil = (await sender.Send(new GetPupilSummariesQuery([query.PupilId]), cancellationToken)).SingleOrDefault()
            ?? throw new NotFoundException("No such pupil at this school.");
        var marks = await db.Marks.AsNoTracking()
            .Where(m => m.PupilId == query.PupilId && m.Date >= query.From && m.Date <= query.To)
            .OrderByDescending(m => m.Date).ThenByDescending(m => m.Session)
            .Select(m => new MarkHistory(m.Date, m.Session, m.Code, m.Category, m.MinutesLate, m.Comment, m.RecordedBy, m.RecordedAt, m.Amendments.Any()))
            .ToListAsync(cancellationToken);
        var amendments = await db.Amendments.AsNoTracking()
            .Where(a => a.PupilId == query.PupilId && a.Date >= query.From && a.Date <= query.To)
            .Select(a => new AmendmentEntry(a.Date, a.Session, a.PreviousCode, a.PreviousMinutesLate, a.PreviousRecordedBy, a.PreviousRecordedAt,
                a.NewCode, a.NewMinutesLate, a.Reason, a.AmendedBy, a.AmendedAt))
            .ToListAsync(cancellationToken);
        // Ordered here: SQLite cannot order by an instant, and one pupil's amendments are few.
        var ordered = amendments.OrderByDescending(a => a.Date).ThenBy(a => a.Session).ThenBy(a => a.AmendedAt).ToList();
        return new PupilAttendance(pupil, marks, ordered);
    }
}
