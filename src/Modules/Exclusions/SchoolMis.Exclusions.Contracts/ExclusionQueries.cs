using Mediator;

namespace SchoolMis.Exclusions.Contracts;

/// <summary>
/// The exclusions that started in a period (the census return's exclusions module): DfE codes as recorded
/// (legacy FIXD and OT kept on old records), no notes.
/// </summary>
public sealed record GetExclusionsStartedQuery(DateOnly From, DateOnly To) : IQuery<IReadOnlyList<ExclusionSummary>>;

/// <summary>One exclusion as the census sees it.</summary>
/// <param name="Category">PERM, SUSP, LNCH, or the legacy FIXD.</param>
/// <param name="Reasons">One to three reason codes, in order.</param>
/// <param name="Sessions">Half-day sessions missed.</param>
public sealed record ExclusionSummary(Guid ExclusionId, Guid PupilId, string Category, DateOnly StartDate, DateOnly? EndDate,
    IReadOnlyList<string> Reasons, int Sessions);
