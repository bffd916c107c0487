using System.Globalization;
using SchoolMis.Census.Returns;

namespace SchoolMis.Census.Validation;

internal sealed class FsmEndBeforeStartRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data) =>
        from r in data.AllPupils
        from f in r.FsmPeriods
        where f.EndDate is { } end && end < f.StartDate
        select new CensusProblem("FSM-DATES", ProblemSeverity.Error,
            string.Create(CultureInfo.InvariantCulture,
                $"A free school meals period ends ({f.EndDate:d MMMM yyyy}) before it starts ({f.StartDate:d MMMM yyyy}). Correct the period's dates."),
            FixPlace.FreeSchoolMeals, r.Pupil);
}

/// <summary>A pupil's FSM periods in the return (those since the previous census day) must not overlap.</summary>
internal sealed class FsmOverlapRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data)
    {
        foreach (var r in data.AllPupils)
        {
            var periods = r.FsmPeriods.OrderBy(f => f.StartDate).ToList();
            for (var i = 1; i < periods.Count; i++)
            {
                var before = periods[i - 1];
                if (before.EndDate is { } end && end < periods[i].StartDate)
                    continue;
                yield return new CensusProblem("FSM-OVERLAP", ProblemSeverity.Error,
                    string.Create(CultureInfo.InvariantCulture,
                        $"Two free school meals periods overlap (one from {before.StartDate:d MMMM yyyy}, another from {periods[i].StartDate:d MMMM yyyy}). End the earlier period before the later one starts, or merge them."),
                    FixPlace.FreeSchoolMeals, r.Pupil);
                break; // one problem per pupil: fixing the periods is one job
            }
        }
    }
}

/// <summary>
/// School lunch taken (UIFSM pupils) is false when no school lunch was recorded on census day. Only once census day
/// has come: before it, nobody has had that day's lunch, and every infant would be queried.
/// </summary>
internal sealed class SchoolLunchRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data)
    {
        var day = data.Collection.CensusDay;
        if (DateOnly.FromDateTime(data.CreatedAt) < day)
            return [];
        return from r in data.OnRoll
               where r.SchoolLunchTaken == false
               select new CensusProblem("LUNCH-NOT-TAKEN", ProblemSeverity.Query,
                   string.Create(CultureInfo.InvariantCulture,
                       $"No school lunch recorded on census day ({day:d MMMM yyyy}); check the meal register. If the pupil had a school lunch or a school packed lunch, record it; if they were absent or brought lunch from home, this is right."),
                   FixPlace.Meals, r.Pupil);
    }
}
