using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Attendance.Domain;

/// <summary>An academic year (1 September to 31 August, usually) with its session times.</summary>
public sealed class AcademicYear : ITenantScoped
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TenantId { get; private set; }
    public required string Name { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public TimeOnly MorningStarts { get; set; } = new(8, 50);
    public TimeOnly AfternoonStarts { get; set; } = new(13, 15);
    /// <summary>Minutes a register stays open after its session starts (at most 30 by the 2024 guidance).</summary>
    public int RegisterOpenMinutes { get; set; } = 30;
    public List<Term> Terms { get; } = [];
}

/// <summary>A term, with its half-term holiday if it has one: school days are the weekdays inside it.</summary>
public sealed class Term : ITenantScoped
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TenantId { get; private set; }
    public Guid AcademicYearId { get; set; }
    public required string Name { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public DateOnly? HalfTermStart { get; set; }
    public DateOnly? HalfTermEnd { get; set; }

    public bool Contains(DateOnly date) =>
        date >= StartDate && date <= EndDate && !(HalfTermStart <= date && date <= HalfTermEnd);
}

public enum NonSchoolDayKind
{
    Holiday = 1,
    Inset = 2,
    BankHoliday = 3,
}

/// <summary>A weekday inside a term when pupils are not expected (INSET, bank holiday, an occasional day).</summary>
public sealed class NonSchoolDay : ITenantScoped
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TenantId { get; private set; }
    public DateOnly Date { get; set; }
    public NonSchoolDayKind Kind { get; set; }
    public required string Description { get; set; }
}

/// <summary>A school's calendar for a span of dates, loaded once and asked about many days.</summary>
public sealed class CalendarView(IReadOnlyList<AcademicYear> years, IReadOnlyList<Term> terms, IReadOnlyCollection<DateOnly> nonSchoolDays)
{
    private readonly HashSet<DateOnly> _nonSchoolDays = [.. nonSchoolDays];

    public bool HasYearFor(DateOnly date) => YearOf(date) is not null;

    public AcademicYear? YearOf(DateOnly date) => years.FirstOrDefault(y => y.StartDate <= date && date <= y.EndDate);

    /// <summary>Sessions exist only on school days: a weekday in a term, outside half term, not an INSET or holiday.</summary>
    public bool IsSchoolDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && terms.Any(t => t.Contains(date))
        && !_nonSchoolDays.Contains(date);

    public IEnumerable<DateOnly> SchoolDays(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (IsSchoolDay(d))
                yield return d;
        }
    }

    public TimeOnly SessionStarts(DateOnly date, Session session)
    {
        var year = YearOf(date);
        return session == Session.AM ? year?.MorningStarts ?? new TimeOnly(8, 50) : year?.AfternoonStarts ?? new TimeOnly(13, 15);
    }

    /// <summary>When the register for the session closes: late arrivals after it are U.</summary>
    public TimeOnly RegisterCloses(DateOnly date, Session session) =>
        SessionStarts(date, session).AddMinutes(YearOf(date)?.RegisterOpenMinutes ?? 30);

    public int RegisterOpenMinutes(DateOnly date) => YearOf(date)?.RegisterOpenMinutes ?? 30;
}
