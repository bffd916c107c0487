using Mediator;

namespace SchoolMis.Attendance.Contracts;

/// <summary>
/// Records <c>E</c> (suspended or permanently excluded, no alternative provision) for a pupil on every school session
/// of <paramref name="Days"/> (an empty list clears them all), on behalf of one exclusion record. Marks already
/// recorded are amended with <paramref name="Reason"/>, keeping the originals. Sessions this exclusion marked earlier
/// that are no longer in the period are put back to the entry the E replaced. Re-sending the same days changes nothing.
/// </summary>
/// <param name="PupilId">The pupil excluded.</param>
/// <param name="ExclusionId">The exclusion record: identifies the marks it made, so changing its dates re-applies them.</param>
/// <param name="Days">The days of the exclusion (non-school days are skipped).</param>
/// <param name="Reason">Why the marks change, for the register's amendment history (names the exclusion, not its detail).</param>
public sealed record RecordExclusionMarksCommand(Guid PupilId, Guid ExclusionId, IReadOnlyList<DateOnly> Days, string Reason)
    : ICommand<ExclusionMarksResult>;

/// <param name="Recorded">New E marks.</param>
/// <param name="Amended">Existing marks changed to E (the originals are kept).</param>
/// <param name="Unchanged">Sessions already marked E by this exclusion.</param>
/// <param name="Restored">Sessions outside the new period put back to the entry the E had replaced.</param>
/// <param name="LeftAsE">Sessions outside the new period that were first recorded as E (no earlier entry to restore): the office corrects them on the register.</param>
public sealed record ExclusionMarksResult(int Recorded, int Amended, int Unchanged, int Restored, int LeftAsE);
