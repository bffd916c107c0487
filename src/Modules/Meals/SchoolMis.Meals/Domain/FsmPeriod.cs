using SchoolMis.Platform.Auditing;
using SchoolMis.Platform.Messaging;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Meals.Domain;

/// <summary>
/// A period in which a pupil was eligible for free school meals (met the criteria and a claim was made). The census
/// returns periods (FSMstartDate, FSMendDate, UKcountry), and "eligible on census day" is derived from them
/// (NOTES.md section 8). A pupil's periods never overlap; an open period has no end date. Universal Infant FSM is not
/// eligibility and is never recorded here.
/// </summary>
[Audited]
public sealed class FsmPeriod : ITenantScoped
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TenantId { get; private set; }
    public Guid PupilId { get; private set; }
    public DateOnly StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }
    /// <summary>ENG, WLS, SCT or NIR (the census's UKcountry).</summary>
    public string UkCountry { get; private set; } = "ENG";
    public DateTimeOffset RecordedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";

    public static FsmPeriod Record(Guid pupilId, DateOnly start, DateOnly? end, string ukCountry, DateTimeOffset at, string by)
    {
        FsmRules.CheckDates(start, end);
        return new() { PupilId = pupilId, StartDate = start, EndDate = end, UkCountry = ukCountry, RecordedAt = at, RecordedBy = by };
    }

    public bool Matches(DateOnly start, DateOnly? end, string ukCountry) => StartDate == start && EndDate == end && UkCountry == ukCountry;

    public void Change(DateOnly start, DateOnly? end, string ukCountry, DateTimeOffset at, string by)
    {
        FsmRules.CheckDates(start, end);
        StartDate = start;
        EndDate = end;
        UkCountry = ukCountry;
        RecordedAt = at;
        RecordedBy = by;
    }

    public bool Covers(DateOnly date) => StartDate <= date && (EndDate is null || EndDate >= date);

    public bool Overlaps(DateOnly start, DateOnly? end) =>
        StartDate <= (end ?? DateOnly.MaxValue) && start <= (EndDate ?? DateOnly.MaxValue);
}

/// <summary>When a pupil's FSM eligibility is next to be reviewed (the CTF's FSMreviewDate).</summary>
[Audited]
public sealed class FsmReview : ITenantScoped
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TenantId { get; private set; }
    public Guid PupilId { get; private set; }
    public DateOnly ReviewDate { get; private set; }

    public static FsmReview Record(Guid pupilId, DateOnly reviewDate) => new() { PupilId = pupilId, ReviewDate = reviewDate };

    public void Change(DateOnly reviewDate) => ReviewDate = reviewDate;
}

/// <summary>The rules of FSM periods, with the messages a school office reads.</summary>
public static class FsmRules
{
    /// <summary>The census's UKcountry codes (shared/standards/codes/misc_census_codes.csv).</summary>
    public static readonly IReadOnlyDictionary<string, string> UkCountries = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ENG"] = "England", ["WLS"] = "Wales", ["SCT"] = "Scotland", ["NIR"] = "Northern Ireland",
    };

    /// <summary>NC years whose pupils have Universal Infant FSM: Reception, Year 1 and Year 2 (NOTES.md section 8).</summary>
    public static bool IsUniversalInfant(string? ncYear) => ncYear is "R" or "1" or "2";

    public static void CheckDates(DateOnly start, DateOnly? end)
    {
        if (end is { } e && e < start)
            throw new DomainRuleException($"The end date ({e:d MMMM yyyy}) is before the start date ({start:d MMMM yyyy}).", "EndDate");
    }

    /// <summary>The message refusing a period that overlaps one the pupil already has.</summary>
    public static string OverlapMessage(DateOnly start, DateOnly? end, FsmPeriod other) =>
        $"This period ({Describe(start, end)}) overlaps the pupil's FSM period {Describe(other.StartDate, other.EndDate)}. " +
        "A pupil's FSM periods must not overlap: end or change the other period first.";

    public static string Describe(DateOnly start, DateOnly? end) =>
        end is { } e ? $"{start:d MMM yyyy} to {e:d MMM yyyy}" : $"from {start:d MMM yyyy}, open";
}
