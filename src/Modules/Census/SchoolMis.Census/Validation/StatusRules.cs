using System.Globalization;
using SchoolMis.Census.Returns;
using SchoolMis.Platform.ReferenceData;

namespace SchoolMis.Census.Validation;

/// <summary>Every pupil has an NC year from the DfE list (NCyearActual on roll, NCyearLeaving for leavers).</summary>
internal sealed class NcYearRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data) =>
        from r in data.AllPupils
        where string.IsNullOrWhiteSpace(r.Pupil.NcYear) || !DfeCodes.NcYears.ContainsKey(r.Pupil.NcYear)
        select new CensusProblem("NCYEAR", ProblemSeverity.Error,
            string.IsNullOrWhiteSpace(r.Pupil.NcYear)
                ? "No national curriculum year recorded. Record the NC year the pupil is taught in."
                : $"NC year \"{r.Pupil.NcYear}\" is not a national curriculum year (E1, E2, N1, N2, R, 1 to 14, or X). Record the NC year the pupil is taught in.",
            FixPlace.PupilDetails, r.Pupil);
}

/// <summary>
/// DfE's age check: the pupil's age on 31 August before the school year, against the usual age for their NC year;
/// more than a year either way is a query (it may be right: a pupil taught out of their year group).
/// </summary>
internal sealed class AgeForNcYearRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data)
    {
        var ageDay = NcYears.AgeDay(data.Collection.CensusDay);
        foreach (var r in data.OnRoll)
        {
            if (NcYears.TypicalAge(r.Pupil.NcYear) is not { } typical)
                continue;
            var age = NcYears.AgeOn(r.Pupil.DateOfBirth, ageDay);
            if (Math.Abs(age - typical) <= 1)
                continue;
            yield return new CensusProblem("AGE-NCYEAR", ProblemSeverity.Query,
                string.Create(CultureInfo.InvariantCulture,
                    $"Aged {age} on {ageDay:d MMMM yyyy} but in NC year {r.Pupil.NcYear}, where pupils are usually {typical}. Check the date of birth and NC year; if both are right (the pupil is taught out of their year group), explain this when you send the return."),
                FixPlace.PupilDetails, r.Pupil);
        }
    }
}

/// <summary>Enrolment status C, M or S (NOTES.md 9).</summary>
internal sealed class EnrolmentStatusRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data) =>
        from r in data.AllPupils
        where !DfeCodes.PupilEnrolmentStatuses.Contains(r.Pupil.EnrolmentStatus)
        select new CensusProblem("ENROLMENT-STATUS", ProblemSeverity.Error,
            $"Enrolment status \"{r.Pupil.EnrolmentStatus}\" is not one the census accepts. Record C (single registration), M (main dual registration) or S (subsidiary dual registration).",
            FixPlace.PupilDetails, r.Pupil);
}

internal sealed class EntryBeforeBirthRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data) =>
        from r in data.AllPupils
        where r.Pupil.AdmissionDate <= r.Pupil.DateOfBirth
        select new CensusProblem("ENTRY-BEFORE-BIRTH", ProblemSeverity.Error,
            string.Create(CultureInfo.InvariantCulture,
                $"Entry date {r.Pupil.AdmissionDate:d MMMM yyyy} is not after the date of birth {r.Pupil.DateOfBirth:d MMMM yyyy}. Correct whichever date is wrong."),
            FixPlace.PupilDetails, r.Pupil);
}

internal sealed class LeavingBeforeEntryRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data) =>
        from r in data.AllPupils
        where r.Pupil.LeavingDate is { } left && left < r.Pupil.AdmissionDate
        select new CensusProblem("LEAVING-BEFORE-ENTRY", ProblemSeverity.Error,
            string.Create(CultureInfo.InvariantCulture,
                $"Leaving date {r.Pupil.LeavingDate:d MMMM yyyy} is before the entry date {r.Pupil.AdmissionDate:d MMMM yyyy}. Correct whichever date is wrong."),
            FixPlace.PupilDetails, r.Pupil);
}
