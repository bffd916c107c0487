using Mediator;

namespace SchoolMis.Attendance.Contracts;

/// <summary>
/// Each pupil's session counts over a date range, as the census and attendance statistics define them: possible
/// sessions leave out the "not counted" codes. Pupils with no marks in the range are not listed.
/// </summary>
public sealed record GetSessionCountsQuery(DateOnly From, DateOnly To) : IQuery<IReadOnlyList<PupilSessionCounts>>;

public sealed record PupilSessionCounts(Guid PupilId, int Present, int ApprovedActivity, int Authorised, int Unauthorised, int NotCounted)
{
    public int Possible => Present + ApprovedActivity + Authorised + Unauthorised;
}
