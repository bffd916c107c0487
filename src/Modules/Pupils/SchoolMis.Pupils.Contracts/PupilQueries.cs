using Mediator;

namespace SchoolMis.Pupils.Contracts;

/// <summary>
/// How many pupils the current school has on roll today, by national curriculum year. Used by the school
/// dashboard; census and attendance will use the same pattern to ask Pupils rather than read its tables.
/// </summary>
public sealed record CountPupilsOnRollQuery : IQuery<PupilRollCount>;

/// <param name="OnRoll">Pupils on roll today.</param>
/// <param name="ByNcYear">Pupils on roll by NC year code (R, 1 ... 13), in year order.</param>
/// <param name="RegistrationGroups">Registration groups the school has.</param>
public sealed record PupilRollCount(int OnRoll, IReadOnlyList<NcYearCount> ByNcYear, int RegistrationGroups);

public sealed record NcYearCount(string NcYear, int Pupils);

/// <summary>Names and identifiers of the pupils asked for (for modules that show pupils beside their own data).</summary>
public sealed record GetPupilSummariesQuery(IReadOnlyCollection<Guid> PupilIds) : IQuery<IReadOnlyList<PupilSummary>>;

/// <summary>The pupils on the roll of one registration group on a date (the register's rows).</summary>
public sealed record GetRegistrationGroupRollQuery(Guid RegistrationGroupId, DateOnly Date) : IQuery<IReadOnlyList<PupilSummary>>;

/// <summary>Every pupil on roll on a date (e.g. for a whole-school closure).</summary>
public sealed record GetPupilsOnRollQuery(DateOnly Date) : IQuery<IReadOnlyList<PupilSummary>>;

/// <summary>Pupils by the ids their previous MIS gave them (imports, the API).</summary>
public sealed record FindPupilsByExternalIdQuery(IReadOnlyCollection<string> ExternalIds) : IQuery<IReadOnlyList<PupilSummary>>;

public sealed record PupilSummary(Guid PupilId, string? ExternalId, string Upn, string Surname, string Forename, string? PreferredForename,
    string NcYear, Guid? RegistrationGroupId, string AdmissionNumber)
{
    /// <summary>The name the school uses day to day, surname first, as registers list pupils.</summary>
    public string RegisterName => $"{Surname}, {PreferredForename ?? Forename}";
}

/// <summary>The school's registration groups; only those a user tutors when <paramref name="TutorUserId"/> is given.</summary>
public sealed record GetRegistrationGroupsQuery(Guid? TutorUserId = null) : IQuery<IReadOnlyList<RegistrationGroupSummary>>;

/// <summary>One group, found by its id in SchoolMis or (for the API) by its external id or code.</summary>
public sealed record FindRegistrationGroupQuery(Guid? Id = null, string? ExternalIdOrCode = null) : IQuery<RegistrationGroupSummary?>;

public sealed record RegistrationGroupSummary(Guid RegistrationGroupId, string? ExternalId, string Code, string Name, string? NcYear,
    IReadOnlyList<Guid> TutorUserIds)
{
    /// <summary>
    /// Whether the caller may reach this group's pupils (their registers, meals, medical and SEN detail): school admins,
    /// API clients and background work (no user) every group; a teacher only the groups they tutor. The one rule every
    /// module applies.
    /// </summary>
    public bool IsReachableBy(Guid? userId, bool isSchoolAdmin) => isSchoolAdmin || userId is not { } id || TutorUserIds.Contains(id);
}

/// <summary>How many pupils each registration group has on roll on a date (the size of each register).</summary>
public sealed record CountGroupRollsQuery(DateOnly Date) : IQuery<IReadOnlyDictionary<Guid, int>>;

/// <summary>
/// A pupil's full record by UPN, for a Common Transfer File out: identity, characteristics, address, contacts (with
/// phones) and the previous schools. Null when the school has no pupil with that UPN.
/// </summary>
public sealed record GetPupilTransferRecordQuery(string Upn) : IQuery<PupilTransferRecord?>;

public sealed record PupilTransferRecord(Guid PupilId, string Upn, string? Uln, string Surname, string Forename, string? MiddleNames,
    string? PreferredSurname, string? PreferredForename, string? FormerSurname, DateOnly DateOfBirth, string Sex, string NcYear,
    string? Ethnicity, string? FirstLanguage, string EnrolmentStatus, DateOnly AdmissionDate, DateOnly? LeavingDate, string? LeavingReason,
    IReadOnlyList<string> AddressLines, string? Postcode, IReadOnlyList<TransferContact> Contacts, IReadOnlyList<TransferPreviousSchool> PreviousSchools);

public sealed record TransferContact(int Order, string? Title, string Surname, string Forename, string Relationship, bool ParentalResponsibility,
    bool AddressAsPupil, string? Email, IReadOnlyList<TransferPhone> Phones);

public sealed record TransferPhone(string Type, string Number);

public sealed record TransferPreviousSchool(string? LaCode, string? Estab, string? Urn, string SchoolName, DateOnly? EntryDate, DateOnly? LeavingDate,
    string? LeavingReason);

/// <summary>
/// The pupils a census return is about, in one query: those on roll on census day, and those who left on or after
/// <paramref name="LeftOnOrAfter"/> and by census day (the census keeps the leavers it has activity for).
/// </summary>
public sealed record GetCensusPupilsQuery(DateOnly CensusDay, DateOnly LeftOnOrAfter) : IQuery<IReadOnlyList<CensusPupil>>;

/// <summary>A pupil as the census sees them: identifiers, characteristics, status and home address.</summary>
/// <param name="LeavingDate">Null while on roll; otherwise the first day no longer on roll.</param>
/// <param name="AddressLines">The address's non-empty lines, in order.</param>
/// <param name="Boarder">N (not a boarder), B, 6 or 7.</param>
/// <param name="ServiceChild">Y, N, U or R; null while the school has not recorded it.</param>
/// <param name="YoungCarer">P, S or N; null while the school has not recorded it.</param>
public sealed record CensusPupil(Guid PupilId, string? ExternalId, string Upn, string? Uln, string Surname, string Forename, string? MiddleNames,
    string? PreferredSurname, string? PreferredForename, string? FormerSurname, string Sex, DateOnly DateOfBirth, string? Ethnicity,
    string? FirstLanguage, string EnrolmentStatus, string NcYear, DateOnly AdmissionDate, DateOnly? LeavingDate,
    IReadOnlyList<string> AddressLines, string? Postcode, bool PartTime = false, string Boarder = "N", string? ServiceChild = null,
    string? YoungCarer = null)
{
    public bool IsOnRoll(DateOnly date) => AdmissionDate <= date && (LeavingDate is null || LeavingDate > date);

    /// <summary>Surname first, as the school's lists show pupils.</summary>
    public string ListName => $"{Surname}, {PreferredForename ?? Forename}";
}
