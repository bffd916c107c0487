using SchoolMis.Platform.Auditing;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Sen.Domain;

/// <summary>
/// A span of one SEN provision for a pupil. A pupil's periods never overlap and at most the latest is open (the
/// current one). Needs are ranked: rank 1 (primary) and rank 2 (secondary), as the census and CTF carry them.
/// An E period carries its EHC plan's dates and its annual review.
/// </summary>
[Audited]
public sealed class SenProvisionPeriod : ITenantScoped
{
    private SenProvisionPeriod()
    {
    }

    public Guid Id { get; private set; } = Guid.NewGuid();
    public Guid TenantId { get; private set; }
    public Guid PupilId { get; private set; }
    public string Provision { get; private set; } = "";

    /// <summary>Null only for history imported without a start date (then the natural key is pupil + provision).</summary>
    public DateOnly? StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }
    public string? PrimaryNeed { get; private set; }
    public string? SecondaryNeed { get; private set; }

    /// <summary>EHC plan: the date it was issued (its start).</summary>
    public DateOnly? PlanIssueDate { get; private set; }
    public DateOnly? PlanLastReviewDate { get; private set; }

    /// <summary>Set only when the school fixed the next review date; otherwise one year after the last review or issue.</summary>
    public DateOnly? PlanReviewDueOverride { get; private set; }

    /// <summary>The pupil attends an SEN unit during the period (census SENunitIndicator).</summary>
    public bool SenUnit { get; private set; }

    /// <summary>The pupil is in resourced provision during the period (census ResourcedProvisionIndicator).</summary>
    public bool ResourcedProvision { get; private set; }

    public static SenProvisionPeriod Start(Guid pupilId, string provision, DateOnly? start, DateOnly? end, string? primaryNeed, string? secondaryNeed,
        bool senUnit = false, bool resourcedProvision = false) =>
        new()
        {
            PupilId = pupilId, Provision = provision, StartDate = start, EndDate = end, PrimaryNeed = primaryNeed, SecondaryNeed = secondaryNeed,
            SenUnit = senUnit, ResourcedProvision = resourcedProvision,
        };

    public bool IsOpen => EndDate is null;

    /// <summary>Compared with missing starts as the beginning of time.</summary>
    public DateOnly From => StartDate ?? DateOnly.MinValue;

    public DateOnly To => EndDate ?? DateOnly.MaxValue;

    public bool Covers(DateOnly date) => From <= date && date <= To;

    public bool Overlaps(SenProvisionPeriod other) => From <= other.To && other.From <= To;

    public void Change(DateOnly? start, DateOnly? end, string? primaryNeed, string? secondaryNeed)
    {
        StartDate = start;
        EndDate = end;
        PrimaryNeed = primaryNeed;
        SecondaryNeed = secondaryNeed;
    }

    public void ChangeProvision(string provision) => Provision = provision;

    /// <summary>Where the provision is made: an SEN unit, resourced provision (both, or neither).</summary>
    public void Place(bool senUnit, bool resourcedProvision)
    {
        SenUnit = senUnit;
        ResourcedProvision = resourcedProvision;
    }

    public void End(DateOnly end) => EndDate = end;

    public void RecordPlan(DateOnly? issued, DateOnly? lastReview, DateOnly? reviewDue)
    {
        PlanIssueDate = issued;
        PlanLastReviewDate = lastReview;
        PlanReviewDueOverride = reviewDue;
    }

    /// <summary>When the EHC plan's annual review is due: the date the school set, else a year after the last review (or the issue).</summary>
    public DateOnly? ReviewDue => Provision != SenCodes.EhcPlan ? null
        : PlanReviewDueOverride ?? (PlanLastReviewDate ?? PlanIssueDate)?.AddYears(1);

    /// <summary>The review date has passed while the plan is current.</summary>
    public bool ReviewOverdue(DateOnly today) => IsOpen && ReviewDue is { } due && due < today;

    public IReadOnlyList<(string Type, int Rank)> Needs =>
        new[] { (PrimaryNeed, 1), (SecondaryNeed, 2) }.Where(n => n.Item1 is not null).Select(n => (n.Item1!, n.Item2)).ToList();
}

/// <summary>A dated note about a pupil's SEN (meetings, advice received, changes agreed with parents).</summary>
[Audited]
public sealed class SenNote : ITenantScoped
{
    private SenNote()
    {
    }

    public Guid Id { get; private set; } = Guid.NewGuid();
    public Guid TenantId { get; private set; }
    public Guid PupilId { get; private set; }
    public DateOnly Date { get; private set; }
    public string Text { get; private set; } = "";
    public string WrittenBy { get; private set; } = "";
    public DateTimeOffset WrittenAt { get; private set; }

    public static SenNote Write(Guid pupilId, DateOnly date, string text, string writtenBy, DateTimeOffset at) =>
        new() { PupilId = pupilId, Date = date, Text = text, WrittenBy = writtenBy, WrittenAt = at };
}
