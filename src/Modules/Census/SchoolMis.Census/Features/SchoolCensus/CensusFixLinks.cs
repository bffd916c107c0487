using SchoolMis.Census.Validation;

namespace SchoolMis.Census.Features.SchoolCensus;

/// <summary>Where the census page sends the office to fix a problem: the page in SchoolMis that owns that record.</summary>
internal static class CensusFixLinks
{
    public static string Href(string school, CensusProblem problem)
    {
        if (problem.Pupil is not { } pupil)
            return $"/schools/{school}";
        var id = pupil.PupilId;
        return problem.Fix switch
        {
            FixPlace.PupilDetails => $"/schools/{school}/pupils/{id}/edit",
            FixPlace.Sen => $"/schools/{school}/sen/pupils/{id}",
            FixPlace.FreeSchoolMeals or FixPlace.Meals => $"/schools/{school}/meals/pupils/{id}",
            FixPlace.Attendance => $"/schools/{school}/attendance/pupils/{id}",
            FixPlace.Exclusions => $"/schools/{school}/exclusions/pupils/{id}",
            _ => $"/schools/{school}",
        };
    }

    /// <summary>The link's words, saying where it goes.</summary>
    public static string Text(FixPlace place) => place switch
    {
        FixPlace.PupilDetails => "Edit pupil details",
        FixPlace.Sen => "SEN record",
        FixPlace.FreeSchoolMeals => "Free school meals",
        FixPlace.Meals => "Pupil's meals",
        FixPlace.Attendance => "Pupil's attendance",
        FixPlace.Exclusions => "Pupil's exclusions",
        _ => "School",
    };
}
