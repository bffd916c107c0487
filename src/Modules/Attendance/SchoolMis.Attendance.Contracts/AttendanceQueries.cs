using Mediator;

namespace SchoolMis.Attendance.Contracts;

/// <summary>
/// Each pupil's session counts over a date range, as the census and attendance statistics define them: possible
/// sessions leave out the "not counted" codes. Pupils with no marks in the range are not listed.
/// </summary>
public sealed record GetSessionCountsQuery(DateOnly From, DateOnly To) : IQuery<IReadOnlyList<PupilSessionCounts>>;

public sealed record PupilSessionCounts(Guid PupilId, int Present, int ApprovedActivity, int Authorised, int Unauthorised, int NotCounted)
{
    public int Possible => Present + ApprovedActivity + Authorised + Unauthorised;
}

/// <summary>
/// The school days between two dates (inclusive) by the school's calendar: weekdays in term, outside half term, not
/// INSET days or holidays. Each school day has two sessions (AM and PM). Used to count sessions missed.
/// </summary>
public sealed record GetSchoolDaysQuery(DateOnly From, DateOnly To) : IQuery<IReadOnlyList<DateOnly>>;

/// <summary>The academic year a date falls in: from the school calendar, or 1 September to 31 August when it has none.</summary>
public sealed record GetAcademicYearQuery(DateOnly Date) : IQuery<AcademicYearSpan>;

/// <summary>An academic year, e.g. "2026/27", 1 September 2026 to 31 August 2027.</summary>
public sealed record AcademicYearSpan(string Name, DateOnly StartDate, DateOnly EndDate);

/// <summary>One pupil's register marks between two dates (inclusive), in date and session order (a CTF's AttendanceMarks).</summary>
public sealed record GetPupilMarksQuery(Guid PupilId, DateOnly From, DateOnly To) : IQuery<IReadOnlyList<PupilMark>>;

/// <param name="Session">AM or PM.</param>
/// <param name="Code">The register code (e.g. "/", "\", "C1").</param>
public sealed record PupilMark(DateOnly Date, string Session, string Code);

/// <summary>
/// Sessions by pupil and register code over a period (the census's SessionDetails), as one grouped query over the
/// current marks (amendments count as their latest code). <see cref="PupilCodeSessions.Category"/> lets the caller
/// total possible, authorised and unauthorised sessions exactly as the attendance statistics do.
/// </summary>
public sealed record GetSessionCodeCountsQuery(DateOnly From, DateOnly To) : IQuery<IReadOnlyList<PupilCodeSessions>>;

public sealed record PupilCodeSessions(Guid PupilId, string Code, SessionCategory Category, int Sessions);

/// <summary>The statistical category of a register code (attendance_codes_2024.csv).</summary>
public enum SessionCategory
{
    Present = 1,
    ApprovedActivity = 2,
    Authorised = 3,
    Unauthorised = 4,
    NotCounted = 5,
}
