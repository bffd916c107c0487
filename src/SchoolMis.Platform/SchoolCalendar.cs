namespace SchoolMis.Platform;

/// <summary>Schools in England keep UK time: "today" for a register or a roll is the date in London.</summary>
public static class SchoolCalendar
{
    private static readonly TimeZoneInfo UkTime = FindUkTime();

    public static DateOnly Today(this TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), UkTime).DateTime);

    /// <summary>The wall-clock time in the UK now.</summary>
    public static DateTime UkNow(this TimeProvider clock) => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), UkTime).DateTime;

    /// <summary>An instant as UK wall-clock time, for display.</summary>
    public static DateTime ToUkTime(this DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, UkTime).DateTime;

    private static TimeZoneInfo FindUkTime()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            // Minimal containers may have no tz database; UTC is at most an hour out, and only around midnight.
            return TimeZoneInfo.Utc;
        }
    }
}
