using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Attendance.Data;
using SchoolMis.Attendance.Domain;
using SchoolMis.Platform.Security;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Attendance.Features.Registers;

/// <summary>
/// The day's registers and how far each has got: a teacher's own groups, or every group for an admin. The office's
/// missing-registers page asks for the ones not complete.
/// </summary>
public sealed record GetRegistersForDayQuery(DateOnly Date, bool OnlyIncomplete = false) : IQuery<RegistersForDay>;

public sealed record RegistersForDay(DateOnly Date, bool IsSchoolDay, TimeOnly MorningStarts, TimeOnly AfternoonStarts, IReadOnlyList<RegisterStatus> Registers);

public sealed record RegisterStatus(Guid RegistrationGroupId, string GroupCode, string GroupName, Session Session, int Pupils, int Marked,
    string? LastSavedBy, DateTimeOffset? LastSavedAt)
{
    public bool Taken => LastSavedAt is not null;
    public bool Complete => Pupils > 0 && Marked >= Pupils;
    public int Unmarked => Math.Max(0, Pupils - Marked);
}

public sealed class GetRegistersForDayHandler(AttendanceDbContext db, ISender sender, ICurrentUser user, CalendarCache calendars)
    : IQueryHandler<GetRegistersForDayQuery, RegistersForDay>
{
    public async ValueTask<RegistersForDay> Handle(GetRegistersForDayQuery query, CancellationToken cancellationToken)
    {
        var date = query.Date;
        // Teachers see their own groups; admins, API clients and background work see every group.
        var groups = await sender.Send(new GetRegistrationGroupsQuery(user.UserId is { } id && !user.IsSchoolAdmin ? id : null), cancellationToken);
        var rolls = await sender.Send(new CountGroupRollsQuery(date), cancellationToken);
        var calendar = await calendars.GetAsync(db, cancellationToken);
        var marked = await db.Marks.AsNoTracking().Where(m => m.Date == date && m.RegistrationGroupId != null)
            .GroupBy(m => new { m.RegistrationGroupId, m.Session })
            .Select(g => new { g.Key.RegistrationGroupId, g.Key.Session, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var saved = await db.Registers.AsNoTracking().Where(r => r.Date == date)
            .Select(r => new { r.RegistrationGroupId, r.Session, r.LastSavedBy, r.LastSavedAt })
            .ToListAsync(cancellationToken);

        var registers = new List<RegisterStatus>();
        if (calendar.IsSchoolDay(date))
        {
            foreach (var g in groups)
            {
                foreach (var session in new[] { Session.AM, Session.PM })
                {
                    var s = saved.FirstOrDefault(r => r.RegistrationGroupId == g.RegistrationGroupId && r.Session == session);
                    var status = new RegisterStatus(g.RegistrationGroupId, g.Code, g.Name, session, rolls.GetValueOrDefault(g.RegistrationGroupId),
                        marked.FirstOrDefault(m => m.RegistrationGroupId == g.RegistrationGroupId && m.Session == session)?.Count ?? 0,
                        s?.LastSavedBy, s?.LastSavedAt);
                    if (!query.OnlyIncomplete || (!status.Complete && status.Pupils > 0))
                        registers.Add(status);
                }
            }
        }
        return new RegistersForDay(date, calendar.IsSchoolDay(date), calendar.SessionStarts(date, Session.AM), calendar.SessionStarts(date, Session.PM), registers);
    }
}
