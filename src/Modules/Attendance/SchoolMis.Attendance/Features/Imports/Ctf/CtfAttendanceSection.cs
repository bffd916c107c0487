using SchoolMis.Platform.Imports;
using SchoolMis.Platform.Imports.Ctf;

namespace SchoolMis.Attendance.Features.Imports.Ctf;

/// <summary>
/// A CTF's attendance, through the <c>attendance-marks</c> dataset (so the marks are history with an import audit,
/// and a re-import changes nothing). <c>AttendanceMarks</c> holds one character a session, AM then PM, for each
/// weekday from <c>AttendanceStartDate</c>; weekends take no place in the string, and '-' means no mark was recorded.
/// Only years at this school become register marks: another school's marks are that school's registers, and the file
/// says so with its totals (reported as skipped). One character a session cannot carry the two-character codes of
/// 2024 (C1, J1, Y1 ...), so those reach a CTF as their single-character parents.
/// </summary>
internal sealed class CtfAttendanceSection(AttendanceMarksDataset dataset) : ICtfSection
{
    public static readonly string[] Reads = ["Attendance"];

    public string Name => "attendance";

    public int Order => 20;

    public async Task<ImportReport> ImportAsync(IAsyncEnumerable<CtfPupil> pupils, CtfImportContext context, bool dryRun, CancellationToken cancellationToken)
    {
        var rows = pupils.SelectMany(pupil => RowsOf(pupil, context).ToAsyncEnumerable());
        var report = await dataset.ImportAsync(rows, dryRun, cancellationToken);
        return report with
        {
            Dataset = Name,
            Errors = [.. report.Errors.Select(e => e with { Field = e.Field is "code" or "date" ? "Attendance/YearData/AttendSessions/AttendanceMarks" : e.Field })],
        };
    }

    private static IEnumerable<RawRow> RowsOf(CtfPupil pupil, CtfImportContext context)
    {
        if (pupil.Upn is not { } upn || !context.PupilKeys.TryGetValue(upn, out var pupilKey))
            yield break;
        foreach (var year in pupil.Element.Element("Attendance")?.Elements("YearData") ?? [])
        {
            var school = CtfFile.School(year);
            // A year without LEA/Estab was kept by the school that sent the file.
            var laEstab = school?.La is null ? context.Header.Source.LaEstab : school.LaEstab;
            if (laEstab != context.School.LaEstab)
            {
                context.Skip("Attendance/YearData (another school)", pupil.Number,
                    "Attendance at another school is that school's record; only its totals are in the file, and they are not stored yet.");
                continue;
            }
            foreach (var sessions in year.Elements("AttendSessions"))
            {
                var start = CtfFile.Date(CtfFile.Text(sessions, "AttendanceStartDate"));
                var marks = CtfFile.Text(sessions, "AttendanceMarks");
                if (marks is null)
                    continue;
                if (start is null)
                {
                    yield return CtfImportContext.Row(pupil, new { pupilExternalId = pupilKey, date = CtfFile.Text(sessions, "AttendanceStartDate") ?? "", session = "AM", code = marks[..1] });
                    continue;
                }
                foreach (var (date, session, code) in Sessions(start.Value, marks))
                    yield return CtfImportContext.Row(pupil, new { pupilExternalId = pupilKey, date = date.ToString("yyyy-MM-dd"), session, code = CodeOn(code, date) });
            }
        }
    }

    /// <summary>
    /// A one-character mark as a code of its day. From 19 August 2024 the interview code is J1, and a string can only
    /// carry its J; J has no other meaning then, so it is read as J1. Y (now Y1 to Y7) is ambiguous and is refused with
    /// the import's usual message.
    /// </summary>
    internal static string CodeOn(string code, DateOnly date) =>
        code == "J" && date >= Domain.AttendanceCodes.Regulations2024 ? "J1" : code;

    /// <summary>The marks of a string: two a weekday from the start date; '-' (no mark) and spaces are left out.</summary>
    internal static IEnumerable<(DateOnly Date, string Session, string Code)> Sessions(DateOnly start, string marks)
    {
        var date = start;
        while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            date = date.AddDays(1);
        for (var i = 0; i < marks.Length; i++)
        {
            if (i > 0 && i % 2 == 0)
            {
                do date = date.AddDays(1);
                while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
            }
            var code = marks[i];
            if (code is '-' or ' ')
                continue;
            yield return (date, i % 2 == 0 ? "AM" : "PM", code.ToString());
        }
    }
}
