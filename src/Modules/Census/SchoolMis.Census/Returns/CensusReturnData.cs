using SchoolMis.Census.Domain;
using SchoolMis.Meals.Contracts;
using SchoolMis.Platform.Tenancy;
using SchoolMis.Pupils.Contracts;
using SchoolMis.Sen.Contracts;

namespace SchoolMis.Census.Returns;

/// <summary>
/// One school's census return, gathered before the first byte is written: the writer turns it into XML and the
/// validation rules read the very same data, so what the census page reports is what the file says.
/// </summary>
public sealed record CensusReturnData(
    TenantInfo School,
    CensusCollection Collection,
    DateTime CreatedAt,
    int SerialNo,
    IReadOnlyList<CensusPupilReturn> OnRoll,
    IReadOnlyList<CensusPupilReturn> NoLongerOnRoll,
    int? FreeMealsTaken)
{
    public string FileName => Collection.FileName(School.LaCode, School.Estab, SerialNo);

    public IEnumerable<CensusPupilReturn> AllPupils => OnRoll.Concat(NoLongerOnRoll);

    /// <summary>The lowest and highest NC years on roll, in NC order (E1 ... R, 1 ... 14); X is not an NC year.</summary>
    public (string? Lowest, string? Highest) NcYearRange
    {
        get
        {
            var years = OnRoll.Select(p => p.Pupil.NcYear).Where(y => NcYears.Order(y) is not null).Distinct()
                .OrderBy(y => NcYears.Order(y)).ToList();
            return years.Count == 0 ? (null, null) : (years[0], years[^1]);
        }
    }
}

/// <summary>One pupil's part of the return.</summary>
/// <param name="FsmPeriods">FSM periods open at any time since the previous census day, including before the pupil joined.</param>
/// <param name="SchoolLunchTaken">For reception, years 1 and 2 (and NC year X aged 4 to 6): whether they took a school lunch on census day; null for everyone else.</param>
/// <param name="SenProvision">On census day: N, K or E (or a legacy code still open from imported history).</param>
/// <param name="SenUnit">On census day: the pupil attends an SEN unit (SENunitIndicator); false with no SEN provision period.</param>
/// <param name="ResourcedProvision">On census day: the pupil is in resourced provision (ResourcedProvisionIndicator).</param>
/// <param name="AttendanceDue">The pupil is of an age the census collects attendance for and was on roll during the attendance window.</param>
/// <param name="TermlyAttendance">Null when there were no possible sessions in the window.</param>
public sealed record CensusPupilReturn(
    CensusPupil Pupil,
    IReadOnlyList<FsmPeriodInfo> FsmPeriods,
    bool? SchoolLunchTaken,
    string SenProvision,
    IReadOnlyList<SenNeedRank> SenNeeds,
    IReadOnlyList<CensusExclusion> Exclusions,
    bool AttendanceDue,
    CensusAttendance? TermlyAttendance,
    CensusAttendance? SummerHalfTerm2Attendance,
    bool SenUnit = false,
    bool ResourcedProvision = false);

/// <param name="SenProvision">The pupil's SEN provision on the day the exclusion started.</param>
public sealed record CensusExclusion(string Category, IReadOnlyList<string> Reasons, DateOnly StartDate, int Sessions, string SenProvision);

/// <summary>Session totals over one window, with a count for every register code other than present.</summary>
/// <param name="SessionsEducational">Sessions at approved educational activities (K, V, P, W, B): attended, away from the school.</param>
/// <param name="SessionsExceptional">Sessions the pupil could not attend for an unavoidable cause (Q, Y1 to Y7; Y before August 2024): not possible sessions.</param>
public sealed record CensusAttendance(int SessionsPossible, int SessionsAuthorised, int SessionsUnauthorised, int SessionsEducational,
    int SessionsExceptional, IReadOnlyList<CensusSessionDetail> Details);

public sealed record CensusSessionDetail(string AttendanceReason, int Sessions);

/// <summary>National curriculum years in order (ncyear_codes.csv).</summary>
public static class NcYears
{
    private static readonly string[] Ordered = ["E1", "E2", "N1", "N2", "R", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14"];

    /// <summary>The year's place in NC order, or null for X and anything unknown.</summary>
    public static int? Order(string ncYear)
    {
        var i = Array.IndexOf(Ordered, ncYear);
        return i < 0 ? null : i;
    }

    /// <summary>The usual age at 31 August before the school year starts, e.g. 4 for reception, 10 for year 6; null for X.</summary>
    public static int? TypicalAge(string ncYear) => ncYear switch
    {
        "E1" => 0, "E2" => 1, "N1" => 2, "N2" => 3, "R" => 4,
        _ when int.TryParse(ncYear, out var y) && y is >= 1 and <= 14 => y + 4,
        _ => null,
    };

    /// <summary>Age in whole years on a date.</summary>
    public static int AgeOn(DateOnly dateOfBirth, DateOnly date)
    {
        var age = date.Year - dateOfBirth.Year;
        if (date < dateOfBirth.AddYears(age))
            age--;
        return age;
    }

    /// <summary>31 August before the school year a date falls in: the day the DfE measures pupils' ages on.</summary>
    public static DateOnly AgeDay(DateOnly date) => new(date.Month >= 9 ? date.Year : date.Year - 1, 8, 31);
}
