using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Pupils.Domain;

/// <summary>
/// A pupil on (or once on) the school's roll. Never deleted: a leaver keeps their record with a leaving date,
/// because attendance, exclusions and census history refer to them for years.
/// </summary>
public sealed class Pupil : ITenantScoped
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TenantId { get; private set; }

    /// <summary>The pupil's id in the school's previous MIS, for repeatable migrations (unique per school).</summary>
    public string? ExternalId { get; set; }

    public required string Upn { get; set; }
    public string? Uln { get; set; }
    public required string Surname { get; set; }
    public required string Forename { get; set; }
    public string? MiddleNames { get; set; }
    public string? PreferredSurname { get; set; }
    public string? PreferredForename { get; set; }
    public string? FormerSurname { get; set; }
    public DateOnly DateOfBirth { get; set; }
    public required string Sex { get; set; }
    public required string AdmissionNumber { get; set; }
    public DateOnly AdmissionDate { get; set; }
    public DateOnly? LeavingDate { get; private set; }
    public string? LeavingReason { get; private set; }
    public required string EnrolmentStatus { get; set; }
    public required string NcYear { get; set; }
    public Guid? RegistrationGroupId { get; set; }
    public string? Ethnicity { get; set; }
    public string? FirstLanguage { get; set; }
    public bool PartTime { get; set; }

    /// <summary>DfeCodes.Boarders; N (not a boarder) unless the school says otherwise.</summary>
    public string Boarder { get; set; } = "N";

    /// <summary>DfeCodes.ServiceChildren; null while not recorded (the census then says U, unknown).</summary>
    public string? ServiceChild { get; set; }

    /// <summary>DfeCodes.YoungCarers; null while not recorded (the spring census then says N, not declared).</summary>
    public string? YoungCarer { get; set; }
    public Address Address { get; set; } = new();

    public bool IsOnRoll(DateOnly date) => AdmissionDate <= date && (LeavingDate is null || LeavingDate > date);

    public string DisplayName => $"{PreferredForename ?? Forename} {PreferredSurname ?? Surname}";

    /// <summary>Records that the pupil leaves (or left) the school; their last day on roll is the day before.</summary>
    public void RecordLeaving(DateOnly leavingDate, string? reason)
    {
        if (leavingDate < AdmissionDate)
            throw new Platform.Messaging.DomainRuleException("The leaving date cannot be before the admission date.", "LeavingDate");
        LeavingDate = leavingDate;
        LeavingReason = reason;
    }

    /// <summary>Undoes a leaving date recorded in error (the pupil stays on roll).</summary>
    public void CancelLeaving()
    {
        LeavingDate = null;
        LeavingReason = null;
    }
}

public sealed class Address
{
    public string? Line1 { get; set; }
    public string? Line2 { get; set; }
    public string? Line3 { get; set; }
    public string? Line4 { get; set; }
    public string? Line5 { get; set; }
    public string? Postcode { get; set; }
}
