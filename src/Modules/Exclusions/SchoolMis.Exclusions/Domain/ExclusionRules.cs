namespace SchoolMis.Exclusions.Domain;

/// <summary>
/// The rules an exclusion must meet wherever it comes from (the form, an import): each refusal names its field.
/// </summary>
public static class ExclusionRules
{
    /// <summary>DfE: at most 45 school days (90 sessions) of suspension for a pupil in an academic year.</summary>
    public const int SuspensionSessionLimit = 90;

    public const int MaxReasons = 3;

    public static IEnumerable<(string Field, string Message)> Check(string? category, DateOnly? start, DateOnly? end,
        IReadOnlyList<string>? reasons, DateOnly? reinstatement)
    {
        if (string.IsNullOrWhiteSpace(category))
            yield return ("Category", "Choose the category: PERM (permanent), SUSP (suspension) or LNCH (lunchtime).");
        else if (!ExclusionCodes.Categories.ContainsKey(category))
            yield return ("Category", $"'{category}' is not an exclusion category: use PERM, SUSP or LNCH (FIXD for old suspensions).");
        if (start is null)
            yield return ("StartDate", "Enter the start date.");
        if (category == ExclusionCodes.Permanent && end is not null)
            yield return ("EndDate", "A permanent exclusion has no end date.");
        if (start is not null && end is not null && end < start)
            yield return ("EndDate", "The end date must be on or after the start date.");
        if (start is not null && reinstatement is not null && reinstatement < start)
            yield return ("ReinstatementDate", "The reinstatement date must be on or after the start date.");

        var given = (reasons ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim().ToUpperInvariant()).ToList();
        if (given.Count == 0)
            yield return ("Reasons", "Give at least one reason.");
        else if (given.Count > MaxReasons)
            yield return ("Reasons", $"Give at most {MaxReasons} reasons ({given.Count} given).");
        if (given.Count != given.Distinct().Count())
            yield return ("Reasons", "Each reason may be given only once.");
        foreach (var code in given.Distinct())
        {
            if (ExclusionCodes.Reason(code) is not { } reason)
                yield return ("Reasons", $"'{code}' is not an exclusion reason code.");
            else if (start is { } s && !reason.IsValidOn(s))
                yield return ("Reasons", reason.ValidTo < s
                    ? $"'{code}' ({reason.Description}) was withdrawn on {reason.ValidTo.AddDays(1):d MMMM yyyy}: it cannot be used for an exclusion starting {s:d MMMM yyyy}."
                    : $"'{code}' ({reason.Description}) is valid only from {reason.ValidFrom:d MMMM yyyy}: it cannot be used for an exclusion starting {s:d MMMM yyyy}.");
        }
    }

    /// <summary>The reasons as stored: trimmed, upper case, blanks dropped, in the order given.</summary>
    public static IReadOnlyList<string> Normalise(IReadOnlyList<string>? reasons) =>
        (reasons ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim().ToUpperInvariant()).ToList();

    /// <summary>
    /// Sessions missed from the school days of the period: two a day for a suspension; one a day for a lunchtime
    /// exclusion (DfE counts it as half a school day). A permanent exclusion has no end to count to: null.
    /// </summary>
    public static int? SessionsFor(string category, int schoolDays) => category switch
    {
        ExclusionCodes.Permanent => null,
        ExclusionCodes.Lunchtime => schoolDays,
        _ => schoolDays * 2,
    };

    /// <summary>
    /// The days the register shows E: a suspension's school days; a permanent exclusion's first sessions missed,
    /// counted from its start (it has no end date). A lunchtime exclusion needs no E: the pupil is in school for both
    /// registers. With alternative provision, none (the provision's own attendance applies).
    /// </summary>
    public static IReadOnlyList<DateOnly> DaysMarkedE(string category, bool alternativeProvision, int sessions, IReadOnlyList<DateOnly> schoolDaysFromStart)
    {
        if (alternativeProvision || category == ExclusionCodes.Lunchtime)
            return [];
        if (category == ExclusionCodes.Permanent)
            return schoolDaysFromStart.Take((sessions + 1) / 2).ToList();
        return schoolDaysFromStart;
    }

    /// <summary>Whether a pupil's suspensions (lunchtime ones count) in one academic year pass 45 school days.</summary>
    public static bool PassesSuspensionLimit(int sessions) => sessions > SuspensionSessionLimit;

    public static bool CountsTowardsLimit(string category) => category != ExclusionCodes.Permanent;
}
