using System.Collections.Frozen;

namespace SchoolMis.Attendance.Domain;

/// <summary>How a mark counts in statistics (DfE: possible sessions leave out the not-counted codes).</summary>
public enum MarkCategory
{
    Present = 1,
    ApprovedActivity = 2,
    Authorised = 3,
    Unauthorised = 4,
    NotCounted = 5,
}

public enum Session
{
    AM = 1,
    PM = 2,
}

/// <summary>An attendance code as it stands in one period of the regulations.</summary>
public sealed record AttendanceCode(string Code, string Description, MarkCategory Category);

/// <summary>
/// The national attendance codes, date-effective. From 19 August 2024 (School Attendance (Pupil Registration)
/// (England) Regulations 2024) the 2024 set applies; marks dated earlier use the set in force before, which had
/// H, F, J and Y and lacked K, C1, C2, J1, Q and Y1-Y7. A mark keeps the code it was given; new marks must use a
/// code valid on their date. Source: shared/standards/codes/attendance_codes_2024.csv and ..._legacy_pre2024.csv.
/// </summary>
public static class AttendanceCodes
{
    public static readonly DateOnly Regulations2024 = new(2024, 8, 19);

    /// <summary>The codes in force from 19 August 2024, in the order schools see them.</summary>
    public static readonly IReadOnlyList<AttendanceCode> Current =
    [
        new("/", "Present (morning)", MarkCategory.Present),
        new("\\", "Present (afternoon)", MarkCategory.Present),
        new("L", "Late, before the register closed", MarkCategory.Present),
        new("K", "Attending provision arranged by the local authority", MarkCategory.ApprovedActivity),
        new("V", "Educational visit or trip", MarkCategory.ApprovedActivity),
        new("P", "Supervised sporting activity", MarkCategory.ApprovedActivity),
        new("W", "Work experience", MarkCategory.ApprovedActivity),
        new("B", "Other approved educational activity", MarkCategory.ApprovedActivity),
        new("D", "Dual registered, attending the other school", MarkCategory.NotCounted),
        new("C1", "Leave: regulated performance or employment abroad", MarkCategory.Authorised),
        new("M", "Leave: medical or dental appointment", MarkCategory.Authorised),
        new("J1", "Leave: interview", MarkCategory.Authorised),
        new("S", "Leave: study for a public examination", MarkCategory.Authorised),
        new("X", "Non-compulsory school age, not required to attend", MarkCategory.NotCounted),
        new("C2", "Leave: part-time timetable", MarkCategory.Authorised),
        new("C", "Leave: exceptional circumstances", MarkCategory.Authorised),
        new("T", "Parent travelling for occupational purposes", MarkCategory.Authorised),
        new("R", "Religious observance", MarkCategory.Authorised),
        new("I", "Illness", MarkCategory.Authorised),
        new("E", "Suspended or excluded, no alternative provision", MarkCategory.Authorised),
        new("Q", "Unable to attend: lack of access arrangements", MarkCategory.NotCounted),
        new("Y1", "Unable to attend: transport not available", MarkCategory.NotCounted),
        new("Y2", "Unable to attend: widespread travel disruption", MarkCategory.NotCounted),
        new("Y3", "Unable to attend: part of premises closed", MarkCategory.NotCounted),
        new("Y4", "Unable to attend: whole site unexpectedly closed", MarkCategory.NotCounted),
        new("Y5", "Unable to attend: criminal justice detention", MarkCategory.NotCounted),
        new("Y6", "Unable to attend: public health guidance or law", MarkCategory.NotCounted),
        new("Y7", "Unable to attend: other unavoidable cause", MarkCategory.NotCounted),
        new("G", "Holiday not granted by the school", MarkCategory.Unauthorised),
        new("N", "Reason not yet established", MarkCategory.Unauthorised),
        new("O", "Other or unknown unauthorised absence", MarkCategory.Unauthorised),
        new("U", "Arrived after the register closed", MarkCategory.Unauthorised),
        new("Z", "Prospective pupil, not on the admission register", MarkCategory.NotCounted),
        new("#", "Planned whole-school closure", MarkCategory.NotCounted),
    ];

    private static readonly FrozenDictionary<string, AttendanceCode> From2024 = Current.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);

    private static readonly string[] NewIn2024 = ["K", "C1", "C2", "J1", "Q", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7"];

    /// <summary>The set before 19 August 2024: the unchanged codes, without the new ones, with H, F, J and Y.</summary>
    private static readonly FrozenDictionary<string, AttendanceCode> Before2024 = Current
        .Where(c => !NewIn2024.Contains(c.Code))
        .Concat(
        [
            new("H", "Agreed family holiday (withdrawn 2024)", MarkCategory.Authorised),
            new("F", "Agreed extended family holiday (withdrawn)", MarkCategory.Authorised),
            new("J", "Interview (approved educational activity before 2024)", MarkCategory.ApprovedActivity),
            new("Y", "Exceptional circumstances (before Y1-Y7)", MarkCategory.NotCounted),
        ])
        .ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);

    /// <summary>The code's meaning on the date, or null when it is not a code on that date.</summary>
    public static AttendanceCode? On(string? code, DateOnly date) =>
        code is null ? null : (date >= Regulations2024 ? From2024 : Before2024).GetValueOrDefault(code);

    /// <summary>Why a code cannot be used on a date, worded for the person typing it; null when it can.</summary>
    public static string? Refusal(string code, DateOnly date)
    {
        if (On(code, date) is not null)
            return null;
        if (date >= Regulations2024 && Before2024.ContainsKey(code))
            return $"'{code}' was withdrawn on 19 August 2024 and cannot be used for {date:d MMM yyyy}" +
                   (code switch { "H" => " (use C only if exceptional, or G).", "J" => " (use J1).", "Y" => " (use Y1 to Y7).", _ => "." });
        if (date < Regulations2024 && From2024.ContainsKey(code))
            return $"'{code}' only exists from 19 August 2024, so it cannot be used for {date:d MMM yyyy}.";
        return $"'{code}' is not an attendance code.";
    }

    /// <summary>The present code for a session: / in the morning, \ in the afternoon.</summary>
    public static string PresentFor(Session session) => session == Session.AM ? "/" : "\\";

    /// <summary>Codes that record an arrival time in minutes late.</summary>
    public static bool TakesMinutesLate(string code) => code is "L" or "U";
}
