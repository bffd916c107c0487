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

public sealed record PupilSummary(Guid PupilId, string Upn, string Surname, string Forename, string? PreferredForename,
    string NcYear, Guid? RegistrationGroupId, string AdmissionNumber);
