using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Attendance.Data;
using SchoolMis.Attendance.Domain;
using SchoolMis.Platform.Messaging;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Attendance.Features.Registers;

/// <summary>One register: the pupils of a group on roll that day, each with their mark for the session (if any).</summary>
public sealed record GetRegisterQuery(Guid RegistrationGroupId, DateOnly Date, Session Session) : IQuery<RegisterView>;

public sealed record RegisterView(
    Guid RegistrationGroupId, string? GroupExternalId, string GroupCode, string GroupName, DateOnly Date, Session Session,
    bool IsSchoolDay, TimeOnly SessionStarts, TimeOnly RegisterCloses, int Version, string? LastSavedBy, DateTimeOffset? LastSavedAt,
    IReadOnlyList<RegisterRow> Rows)
{
    public int Marked => Rows.Count(r => r.Code is not null);
    public bool Complete => Rows.Count > 0 && Marked == Rows.Count;
}

public sealed record RegisterRow(Guid PupilId, string? PupilExternalId, string Name, string Upn, string? Code, int? MinutesLate,
    string? Comment, bool Amended);

public sealed class GetRegisterHandler(AttendanceDbContext db, ISender sender, SchoolMis.Platform.Security.ICurrentUser user, CalendarCache calendars) : IQueryHandler<GetRegisterQuery, RegisterView>
{
    public async ValueTask<RegisterView> Handle(GetRegisterQuery query, CancellationToken cancellationToken)
    {
        var group = await sender.Send(new FindRegistrationGroupQuery(query.RegistrationGroupId), cancellationToken)
            ?? throw new NotFoundException("No such registration group at this school.");
        RegisterAccess.Check(user, group);
        var roll = await sender.Send(new GetRegistrationGroupRollQuery(group.RegistrationGroupId, query.Date), cancellationToken);
        var calendar = await calendars.GetAsync(db, cancellationToken);

        var pupilIds = roll.Select(p => p.PupilId).ToList();
        var marks = await db.Marks.AsNoTracking()
            .Where(m => m.Date == query.Date && m.Session == query.Session && pupilIds.Contains(m.PupilId))
            .Select(m => new { m.PupilId, m.Code, m.MinutesLate, m.Comment, Amended = m.Amendments.Any() })
            .ToDictionaryAsync(m => m.PupilId, cancellationToken);
        var record = await db.Registers.AsNoTracking()
            .FirstOrDefaultAsync(r => r.RegistrationGroupId == group.RegistrationGroupId && r.Date == query.Date && r.Session == query.Session, cancellationToken);

        var rows = roll.Select(p => marks.TryGetValue(p.PupilId, out var m)
                ? new RegisterRow(p.PupilId, p.ExternalId, p.RegisterName, p.Upn, m.Code, m.MinutesLate, m.Comment, m.Amended)
                : new RegisterRow(p.PupilId, p.ExternalId, p.RegisterName, p.Upn, null, null, null, false))
            .ToList();
        return new RegisterView(group.RegistrationGroupId, group.ExternalId, group.Code, group.Name, query.Date, query.Session,
            calendar.IsSchoolDay(query.Date), calendar.SessionStarts(query.Date, query.Session), calendar.RegisterCloses(query.Date, query.Session),
            record?.Version ?? 0, record?.LastSavedBy, record?.LastSavedAt, rows);
    }
}
