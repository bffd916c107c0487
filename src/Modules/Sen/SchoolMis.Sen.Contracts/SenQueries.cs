using Mediator;

namespace SchoolMis.Sen.Contracts;

/// <summary>
/// Each pupil's SEN provision on a date, with its ranked need types (for the census: SENprovision, SENtype and
/// SENtypeRank). Only pupils with a provision period covering the date are listed; the census counts the rest as N.
/// Legacy codes (S, A, P) appear only where history imported from an old MIS is still open on the date.
/// </summary>
/// <param name="PupilIds">Only these pupils; null for every pupil of the school.</param>
public sealed record GetSenStatusQuery(DateOnly Date, IReadOnlyCollection<Guid>? PupilIds = null) : IQuery<IReadOnlyList<PupilSenStatus>>;

/// <param name="Provision">N, K or E (or a legacy S, A, P from imported history).</param>
/// <param name="Needs">The need types, rank 1 (primary) first; empty for N.</param>
/// <param name="SenUnit">The pupil attends an SEN unit (census SENunitIndicator).</param>
/// <param name="ResourcedProvision">The pupil is in resourced provision (census ResourcedProvisionIndicator).</param>
public sealed record PupilSenStatus(Guid PupilId, string Provision, IReadOnlyList<SenNeedRank> Needs, bool SenUnit = false, bool ResourcedProvision = false);

/// <param name="Type">A code of sen_types (SPLD, MLD ... NSA).</param>
/// <param name="Rank">1 primary, 2 secondary.</param>
public sealed record SenNeedRank(string Type, int Rank);

/// <summary>One pupil's whole SEN provision history, oldest first (a CTF's SENhistory).</summary>
public sealed record GetPupilSenHistoryQuery(Guid PupilId) : IQuery<IReadOnlyList<SenPeriodInfo>>;

/// <param name="Needs">Ranked need types of the period, rank 1 first.</param>
public sealed record SenPeriodInfo(string Provision, DateOnly? StartDate, DateOnly? EndDate, IReadOnlyList<SenNeedRank> Needs);

/// <summary>The provision periods of many pupils at once, oldest first (the census's SEN provision at each exclusion).</summary>
public sealed record GetSenHistoriesQuery(IReadOnlyCollection<Guid> PupilIds) : IQuery<IReadOnlyList<PupilSenPeriod>>;

public sealed record PupilSenPeriod(Guid PupilId, string Provision, DateOnly? StartDate, DateOnly? EndDate)
{
    public bool Covers(DateOnly date) => (StartDate is null || StartDate <= date) && (EndDate is null || EndDate >= date);
}
