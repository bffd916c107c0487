using SchoolMis.Census.Returns;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Census.Validation;

/// <summary>DfE's two kinds of problem: an error must be fixed before the return is accepted; a query must be explained.</summary>
public enum ProblemSeverity
{
    Error,
    Query,
}

/// <summary>Where in SchoolMis a problem is fixed, so the census page can link straight to it.</summary>
public enum FixPlace
{
    /// <summary>The pupil's details (identifiers, names, ethnicity, language, NC year, address).</summary>
    PupilDetails,
    Sen,
    FreeSchoolMeals,
    Meals,
    Attendance,
    Exclusions,
    School,
}

/// <summary>One problem in a return.</summary>
/// <param name="Rule">A stable rule id, e.g. "UPN-CHECK".</param>
/// <param name="Message">What is wrong and what to do, in the office's words; names no other school's data.</param>
/// <param name="Pupil">The pupil concerned; null for a school-level problem.</param>
public sealed record CensusProblem(string Rule, ProblemSeverity Severity, string Message, FixPlace Fix, CensusPupil? Pupil = null);

/// <summary>A census validation rule: reads a gathered return and reports its problems. Rules are stateless.</summary>
public interface ICensusRule
{
    IEnumerable<CensusProblem> Check(CensusReturnData data);
}

public sealed record CensusValidation(IReadOnlyList<CensusProblem> Errors, IReadOnlyList<CensusProblem> Queries)
{
    public static readonly CensusValidation None = new([], []);
}

/// <summary>Runs every registered rule over a return; problems are listed by pupil, then rule.</summary>
public sealed class CensusValidator(IEnumerable<ICensusRule> rules)
{
    public CensusValidation Validate(CensusReturnData data)
    {
        var problems = rules.SelectMany(r => r.Check(data))
            .OrderBy(p => p.Pupil is null ? 0 : 1)
            .ThenBy(p => p.Pupil?.ListName, StringComparer.CurrentCulture)
            .ThenBy(p => p.Rule, StringComparer.Ordinal)
            .ToList();
        return new CensusValidation(
            problems.Where(p => p.Severity == ProblemSeverity.Error).ToList(),
            problems.Where(p => p.Severity == ProblemSeverity.Query).ToList());
    }
}
