namespace SchoolMis.Attendance.Domain;

/// <summary>
/// Attendance arithmetic as DfE defines it: possible sessions are present + approved educational activity +
/// authorised + unauthorised (not-counted codes are left out); attendance is (present + approved activity) /
/// possible; a pupil is persistently absent when they miss 10% or more of possible sessions, severely when 50% or more.
/// </summary>
public sealed record AttendanceFigures(int Present, int ApprovedActivity, int Authorised, int Unauthorised, int NotCounted)
{
    public static readonly AttendanceFigures None = new(0, 0, 0, 0, 0);

    public int Possible => Present + ApprovedActivity + Authorised + Unauthorised;
    public int Attended => Present + ApprovedActivity;
    public int Absent => Authorised + Unauthorised;

    /// <summary>Attendance as a percentage of possible sessions; null when there were none.</summary>
    public decimal? AttendancePercent => Possible == 0 ? null : Math.Round(100m * Attended / Possible, 1);
    public decimal? AbsencePercent => Possible == 0 ? null : Math.Round(100m * Absent / Possible, 1);

    // Compared on whole counts, not the rounded percentage: 10 % of 95 sessions is 9.5, so 10 missed is persistent and 9 is not.
    public bool PersistentlyAbsent => Possible > 0 && Absent * 10 >= Possible;
    public bool SeverelyAbsent => Possible > 0 && Absent * 2 >= Possible;

    public static AttendanceFigures From(IEnumerable<(MarkCategory Category, int Count)> counts)
    {
        int Sum(MarkCategory c) => counts.Where(x => x.Category == c).Sum(x => x.Count);
        return new(Sum(MarkCategory.Present), Sum(MarkCategory.ApprovedActivity), Sum(MarkCategory.Authorised),
            Sum(MarkCategory.Unauthorised), Sum(MarkCategory.NotCounted));
    }

    public static AttendanceFigures operator +(AttendanceFigures a, AttendanceFigures b) =>
        new(a.Present + b.Present, a.ApprovedActivity + b.ApprovedActivity, a.Authorised + b.Authorised,
            a.Unauthorised + b.Unauthorised, a.NotCounted + b.NotCounted);
}
