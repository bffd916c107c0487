using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Exclusions.Domain;

/// <summary>
/// A suspension, permanent exclusion or lunchtime exclusion of one pupil. Codes are kept as recorded: an old
/// record keeps FIXD (shown as a suspension) and a reason withdrawn since (OT), as the DfE notes ask.
/// Every change is kept in the audit trail (who, when, each field's old and new value).
/// </summary>
[SchoolMis.Platform.Auditing.Audited]
public sealed class Exclusion : ITenantScoped
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TenantId { get; private set; }
    public Guid PupilId { get; set; }
    /// <summary>The id the previous MIS gave it (imports); null for records made here.</summary>
    public string? ExternalId { get; set; }
    public string Category { get; set; } = "";
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string Reason1 { get; set; } = "";
    public string? Reason2 { get; set; }
    public string? Reason3 { get; set; }
    /// <summary>Half-day sessions missed: counted from the calendar when recorded, and editable.</summary>
    public int Sessions { get; set; }
    public DateOnly? ReinstatementDate { get; set; }
    public string? Notes { get; set; }
    /// <summary>When false the pupil's register shows E for the sessions of the exclusion.</summary>
    public bool AlternativeProvision { get; set; }

    public IReadOnlyList<string> Reasons => new[] { Reason1, Reason2, Reason3 }.Where(r => !string.IsNullOrEmpty(r)).Select(r => r!).ToList();

    public void SetReasons(IReadOnlyList<string> reasons)
    {
        Reason1 = reasons[0];
        Reason2 = reasons.Count > 1 ? reasons[1] : null;
        Reason3 = reasons.Count > 2 ? reasons[2] : null;
    }
}
