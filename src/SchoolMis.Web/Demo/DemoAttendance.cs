using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Attendance.Data;
using SchoolMis.Attendance.Domain;
using SchoolMis.Attendance.Features.Calendar;
using SchoolMis.Platform;
using SchoolMis.Pupils.Contracts;
using SchoolMis.Pupils.Features.RegistrationGroups;

namespace SchoolMis.Web.Demo;

/// <summary>
/// The demo school's calendar (this academic year and the next, with half terms and INSET days), the demo teacher
/// as tutor of some groups, and three weeks of register history so statistics and charts have something to show.
/// Today's registers are left untaken, for the demo user to take.
/// </summary>
internal static class DemoAttendance
{
    public static async Task SeedAsync(IServiceProvider services, TimeProvider clock, Guid teacherId, string[] tutorGroups, CancellationToken ct)
    {
        var sender = services.GetRequiredService<ISender>();
        var today = clock.Today();
        var startYear = today.Month >= 9 ? today.Year : today.Year - 1;
        foreach (var year in new[] { startYear, startYear + 1 })
            await sender.Send(YearOf(year), ct);
        await sender.Send(new AddNonSchoolDaysCommand(new DateOnly(startYear, 9, 1), new DateOnly(startYear, 9, 2), NonSchoolDayKind.Inset, "INSET days"), ct);

        var groups = await sender.Send(new GetRegistrationGroupsQuery(), ct);
        foreach (var group in groups.Where(g => tutorGroups.Contains(g.Code)))
            await sender.Send(new SetGroupTutorsCommand(group.RegistrationGroupId, [teacherId]), ct);

        // History: written straight through the module's context in one save (a bulk load, like an import).
        var db = services.GetRequiredService<AttendanceDbContext>();
        var calendar = await db.LoadAsync(today.AddDays(-35), today, ct);
        var random = new Random(7);
        var pupils = await sender.Send(new GetPupilsOnRollQuery(today), ct);
        var absentees = pupils.Where((_, i) => i % 9 == 0).Select(p => p.PupilId).ToHashSet(); // some pupils miss more
        var recordedAt = clock.GetUtcNow();
        foreach (var day in calendar.SchoolDays(today.AddDays(-21), today.AddDays(-1)))
        {
            foreach (var pupil in pupils)
            {
                foreach (var session in new[] { Session.AM, Session.PM })
                {
                    var roll = random.Next(100);
                    var code = absentees.Contains(pupil.PupilId) && roll < 14 ? (roll < 9 ? "I" : "O")
                        : roll < 3 ? "I" : roll == 3 ? "M" : roll == 4 && session == Session.AM ? "L" : AttendanceCodes.PresentFor(session);
                    db.Marks.Add(AttendanceMark.Record(pupil.PupilId, day, session, AttendanceCodes.On(code, day)!, code == "L" ? random.Next(2, 20) : null,
                        null, pupil.RegistrationGroupId, recordedAt, "Demo data"));
                }
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private static SetUpAcademicYearCommand YearOf(int year)
    {
        // Typical English term dates: autumn from early September, spring from early January, summer after Easter.
        DateOnly Weekday(int y, int m, int d, DayOfWeek day) { var date = new DateOnly(y, m, d); while (date.DayOfWeek != day) date = date.AddDays(1); return date; }
        var autumnStart = Weekday(year, 9, 1, DayOfWeek.Monday);
        var autumnHalf = Weekday(year, 10, 23, DayOfWeek.Monday);
        var springStart = Weekday(year + 1, 1, 3, DayOfWeek.Monday);
        var springHalf = Weekday(year + 1, 2, 12, DayOfWeek.Monday);
        var summerStart = Weekday(year + 1, 4, 13, DayOfWeek.Monday);
        var summerHalf = Weekday(year + 1, 5, 25, DayOfWeek.Monday);
        return new SetUpAcademicYearCommand($"{year}/{(year + 1) % 100:00}", new DateOnly(year, 9, 1), new DateOnly(year + 1, 8, 31),
            new TimeOnly(8, 50), new TimeOnly(13, 15), 30,
        [
            new("Autumn term", autumnStart, new DateOnly(year, 12, 19), autumnHalf, autumnHalf.AddDays(4)),
            new("Spring term", springStart, Weekday(year + 1, 3, 27, DayOfWeek.Friday), springHalf, springHalf.AddDays(4)),
            new("Summer term", summerStart, new DateOnly(year + 1, 7, 21), summerHalf, summerHalf.AddDays(4)),
        ]);
    }
}
