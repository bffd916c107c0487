using System.Globalization;

namespace SchoolMis.Census.Domain;

/// <summary>The three School Census collections of a school year (NOTES.md 1.1), by the DfE's term codes.</summary>
public enum CensusTerm
{
    Autumn,
    Spring,
    Summer,
}

/// <summary>An inclusive range of dates.</summary>
public readonly record struct DateRange(DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly date) => From <= date && date <= To;

    public bool Overlaps(DateOnly from, DateOnly? to) => from <= To && (to is null || to >= From);

    public override string ToString() =>
        $"{From.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} to {To.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}";
}

/// <summary>
/// One School Census collection: a term and the calendar year of its census day ("year as on census day", API.md).
/// Everything date-shaped about the return is here: census day by the DfE rule, and the windows it collects in
/// arrears (NOTES.md 1.1: attendance one term behind, exclusions two terms behind).
/// </summary>
public sealed record CensusCollection(int Year, CensusTerm Term)
{
    public string TermCode => Term switch { CensusTerm.Autumn => "AUT", CensusTerm.Spring => "SPR", _ => "SUM" };

    /// <summary>e.g. "Spring 2027 census".</summary>
    public string Name => $"{Term} {Year} census";

    public static bool TryParse(int year, string? term, out CensusCollection collection)
    {
        collection = null!;
        if (year is < 2000 or > 2100)
            return false;
        CensusTerm? t = term?.ToUpperInvariant() switch { "AUT" => CensusTerm.Autumn, "SPR" => CensusTerm.Spring, "SUM" => CensusTerm.Summer, _ => null };
        if (t is null)
            return false;
        collection = new CensusCollection(year, t.Value);
        return true;
    }

    /// <summary>Autumn: the first Thursday in October; spring: the third Thursday in January; summer: the third Thursday in May.</summary>
    public DateOnly CensusDay => Term switch
    {
        CensusTerm.Autumn => NthThursday(Year, 10, 1),
        CensusTerm.Spring => NthThursday(Year, 1, 3),
        _ => NthThursday(Year, 5, 3),
    };

    /// <summary>The academic year census day falls in, by its starting calendar year (autumn 2026 and spring 2027: 2026).</summary>
    public int AcademicYearStart => Term == CensusTerm.Autumn ? Year : Year - 1;

    /// <summary>The termly attendance the return carries: the term before (for autumn, the first half of the summer term).</summary>
    public DateRange AttendanceWindow => Term switch
    {
        CensusTerm.Spring => new(new DateOnly(Year - 1, 8, 1), new DateOnly(Year - 1, 12, 31)),
        CensusTerm.Summer => new(new DateOnly(Year, 1, 1), EasterSunday(Year)),
        _ => new(EasterSunday(Year).AddDays(1), SpringBankHoliday(Year).AddDays(-1)),
    };

    /// <summary>Autumn only: the second half of the summer term, from the spring bank holiday to 31 July.</summary>
    public DateRange? SummerHalfTerm2Window =>
        Term == CensusTerm.Autumn ? new(SpringBankHoliday(Year), new DateOnly(Year, 7, 31)) : null;

    /// <summary>The exclusions the return carries: those that started two terms before.</summary>
    public DateRange ExclusionWindow => Term switch
    {
        CensusTerm.Spring => new(EasterSunday(Year - 1).AddDays(1), new DateOnly(Year - 1, 7, 31)),
        CensusTerm.Summer => new(new DateOnly(Year - 1, 8, 1), new DateOnly(Year - 1, 12, 31)),
        _ => new(new DateOnly(Year, 1, 1), EasterSunday(Year)),
    };

    /// <summary>The earliest day any window of this return reaches back to: leavers from then on may belong in it.</summary>
    public DateOnly EarliestActivity =>
        new[] { AttendanceWindow.From, ExclusionWindow.From }.Min();

    /// <summary>The collection before this one (its census day bounds the FSM periods this return carries).</summary>
    public CensusCollection Previous => Term switch
    {
        CensusTerm.Spring => new(Year - 1, CensusTerm.Autumn),
        CensusTerm.Summer => new(Year, CensusTerm.Spring),
        _ => new(Year, CensusTerm.Summer),
    };

    public CensusCollection Next => Term switch
    {
        CensusTerm.Autumn => new(Year + 1, CensusTerm.Spring),
        CensusTerm.Spring => new(Year, CensusTerm.Summer),
        _ => new(Year, CensusTerm.Autumn),
    };

    /// <summary>The collection a school is working towards on a date: the first whose census day is on or after it.</summary>
    public static CensusCollection Upcoming(DateOnly today)
    {
        var c = new CensusCollection(today.Year, CensusTerm.Spring);
        while (c.CensusDay < today)
            c = c.Next;
        return c;
    }

    /// <summary>
    /// The DfE file name, LLLEEEE_SCn_LLLLLyy_nnn.XML (NOTES.md 1.1): the school's DfE number, the collection
    /// number (SC3 autumn, as LA guidance shows; SC1 spring and SC2 summer by the same calendar-year count), the
    /// LA as receiver, the two-digit year and the serial number.
    /// </summary>
    public string FileName(string laCode, string estab, int serialNo)
    {
        var n = Term switch { CensusTerm.Spring => 1, CensusTerm.Summer => 2, _ => 3 };
        return string.Create(CultureInfo.InvariantCulture, $"{laCode}{estab}_SC{n}_{laCode}LL{Year % 100:00}_{serialNo:000}.XML");
    }

    public override string ToString() => $"{Year}/{TermCode}";

    private static DateOnly NthThursday(int year, int month, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)DayOfWeek.Thursday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + 7 * (n - 1));
    }

    /// <summary>The last Monday in May.</summary>
    internal static DateOnly SpringBankHoliday(int year)
    {
        var last = new DateOnly(year, 5, 31);
        return last.AddDays(-(((int)last.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }

    /// <summary>Western Easter Sunday (the anonymous Gregorian algorithm).</summary>
    internal static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }
}
