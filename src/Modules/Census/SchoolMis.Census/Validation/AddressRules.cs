using System.Text.RegularExpressions;
using SchoolMis.Census.Returns;

namespace SchoolMis.Census.Validation;

/// <summary>Home postcode missing or not in the UK postcode format (outward code, space, inward code).</summary>
internal sealed partial class PostcodeRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data) =>
        from r in data.AllPupils
        let postcode = r.Pupil.Postcode?.Trim()
        where string.IsNullOrEmpty(postcode) || !UkPostcode().IsMatch(postcode)
        select new CensusProblem("POSTCODE", ProblemSeverity.Query,
            string.IsNullOrEmpty(postcode)
                ? "No home postcode recorded. Record the pupil's home address with its postcode."
                : $"Home postcode \"{postcode}\" is not a valid UK postcode (for example BS1 4DJ). Check and correct it.",
            FixPlace.PupilDetails, r.Pupil);

    [GeneratedRegex("^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex UkPostcode();
}
