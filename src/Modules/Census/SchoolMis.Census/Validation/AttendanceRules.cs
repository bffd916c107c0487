using SchoolMis.Census.Returns;

namespace SchoolMis.Census.Validation;

/// <summary>
/// Census query 2502Q: a pupil whose attendance is collected has no possible sessions in the window. Right only
/// when all their sessions were elsewhere (e.g. a dual-registered pupil's subsidiary school); otherwise registers are missing.
/// </summary>
internal sealed class NoPossibleSessionsRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data)
    {
        var window = data.Collection.AttendanceWindow;
        // Before the window has begun there is nothing to count yet.
        if (DateOnly.FromDateTime(data.CreatedAt) <= window.From)
            return [];
        return from r in data.AllPupils
               where r.AttendanceDue && r.TermlyAttendance is null
               select new CensusProblem("ATTENDANCE-NONE", ProblemSeverity.Query,
                   $"No possible sessions recorded from {window}, though this pupil's attendance is collected. Check their registers for the period; if all their sessions were at another school (dual registration), explain this when you send the return.",
                   FixPlace.Attendance, r.Pupil);
    }
}
