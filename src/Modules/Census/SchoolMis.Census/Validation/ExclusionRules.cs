using System.Globalization;
using SchoolMis.Census.Returns;

namespace SchoolMis.Census.Validation;

internal sealed class ExclusionBeforeEntryRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data) =>
        from r in data.AllPupils
        from e in r.Exclusions
        where e.StartDate < r.Pupil.AdmissionDate
        select new CensusProblem("EXCLUSION-BEFORE-ENTRY", ProblemSeverity.Error,
            string.Create(CultureInfo.InvariantCulture,
                $"An exclusion starts on {e.StartDate:d MMMM yyyy}, before the pupil's entry date ({r.Pupil.AdmissionDate:d MMMM yyyy}). Correct the exclusion's start date or the entry date."),
            FixPlace.Exclusions, r.Pupil);
}

/// <summary>The leaving date is the first day no longer on roll: an exclusion cannot start then or later.</summary>
internal sealed class ExclusionAfterLeavingRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data) =>
        from r in data.AllPupils
        where r.Pupil.LeavingDate is not null
        from e in r.Exclusions
        where e.StartDate >= r.Pupil.LeavingDate
        select new CensusProblem("EXCLUSION-AFTER-LEAVING", ProblemSeverity.Error,
            string.Create(CultureInfo.InvariantCulture,
                $"An exclusion starts on {e.StartDate:d MMMM yyyy}, after the pupil left ({r.Pupil.LeavingDate:d MMMM yyyy}). Correct the exclusion's start date or the leaving date."),
            FixPlace.Exclusions, r.Pupil);
}
