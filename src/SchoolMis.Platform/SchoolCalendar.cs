namespace SchoolMis.Platform;

/// <summary>Schools in England keep UK time: "today" for a register or a roll is the date in London.</summary>
public static class SchoolCalendar
{
    private static readonly TimeZoneInfo UkTime = FindUkTime();

    public static DateOnly Today(this TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), UkTime).DateTime);

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
