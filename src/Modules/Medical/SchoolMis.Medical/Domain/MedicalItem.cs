using SchoolMis.Platform.Auditing;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Medical.Domain;

public enum MedicalItemKind
{
    Condition,
    Allergy,
    Medication,
    Dietary,
}

public enum MedicalSeverity
{
    Mild,
    Moderate,
    Severe,
}

/// <summary>
/// One entry of a pupil's medical record: a condition, an allergy, a medication (with how much, when and where it
/// is kept) or a dietary need.
/// </summary>
[Audited]
public sealed class MedicalItem : ITenantScoped
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TenantId { get; private set; }

    /// <summary>The id in the previous MIS (imports are idempotent on it); null for items entered here.</summary>
    public string? ExternalId { get; set; }
    public Guid PupilId { get; set; }
    public MedicalItemKind Kind { get; set; }
    public required string Description { get; set; }
    public MedicalSeverity? Severity { get; set; }

    /// <summary>Staff must know at a glance (e.g. epilepsy, diabetes): raises the marker whatever the severity.</summary>
    public bool Alert { get; set; }
    public string? Notes { get; set; }
    public string? Dose { get; set; }
    public string? Timing { get; set; }
    public string? Storage { get; set; }
    public DateOnly? Expiry { get; set; }

    /// <summary>A severe allergy, or anything the school flagged, shows the alert marker to every teacher.</summary>
    public bool RaisesAlert => MedicalAlertRule.RaisesAlert(Kind, Severity, Alert);
}

/// <summary>The rule for the marker and its wording, kept in one place so registers and lists agree.</summary>
public static class MedicalAlertRule
{
    public static bool RaisesAlert(MedicalItemKind kind, MedicalSeverity? severity, bool alert) =>
        alert || (kind == MedicalItemKind.Allergy && severity == MedicalSeverity.Severe);

    /// <summary>
    /// The label of a pupil's marker from the items that raise it: the most urgent kind first. Only the kind is
    /// named (never the description), because every teacher sees it.
    /// </summary>
    public static string Label(IEnumerable<(MedicalItemKind Kind, MedicalSeverity? Severity)> raising)
    {
        var items = raising.ToList();
        if (items.Any(i => i.Kind == MedicalItemKind.Allergy && i.Severity == MedicalSeverity.Severe))
            return "Severe allergy";
        if (items.Any(i => i.Kind == MedicalItemKind.Condition))
            return "Medical condition";
        if (items.Any(i => i.Kind == MedicalItemKind.Allergy))
            return "Allergy";
        if (items.Any(i => i.Kind == MedicalItemKind.Medication))
            return "Medication";
        return items.Count > 0 ? "Dietary need" : "";
    }

    public static string Describe(MedicalItemKind kind) => kind switch
    {
        MedicalItemKind.Condition => "Condition",
        MedicalItemKind.Allergy => "Allergy",
        MedicalItemKind.Medication => "Medication",
        MedicalItemKind.Dietary => "Dietary need",
        _ => kind.ToString(),
    };

    /// <summary>The kinds as the import and API spell them.</summary>
    public static bool TryParseKind(string? value, out MedicalItemKind kind)
    {
        kind = default;
        return value is not null && Enum.TryParse(value, ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(value, out _);
    }

    public static bool TryParseSeverity(string? value, out MedicalSeverity severity)
    {
        severity = default;
        return value is not null && Enum.TryParse(value, ignoreCase: true, out severity) && Enum.IsDefined(severity) && !int.TryParse(value, out _);
    }
}

/// <summary>The pupil's doctor (GP), one per pupil.</summary>
[Audited]
public sealed class PupilDoctor : ITenantScoped
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TenantId { get; private set; }
    public Guid PupilId { get; set; }
    public required string Name { get; set; }
    public string? Practice { get; set; }
    public string? Phone { get; set; }
}

public enum MedicalEventKind
{
    FirstAid,
    MedicineGiven,
    Other,
}

/// <summary>Something that happened: first aid, a dose of medicine given, anything else worth a record.</summary>
[Audited]
public sealed class MedicalEvent : ITenantScoped
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TenantId { get; private set; }
    public Guid PupilId { get; set; }
    public DateOnly Date { get; set; }
    public TimeOnly Time { get; set; }
    public MedicalEventKind Kind { get; set; }
    public required string Description { get; set; }
    public required string GivenBy { get; set; }
    public bool ParentInformed { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    public static string Describe(MedicalEventKind kind) => kind switch
    {
        MedicalEventKind.FirstAid => "First aid",
        MedicalEventKind.MedicineGiven => "Medicine given",
        _ => "Other",
    };
}
