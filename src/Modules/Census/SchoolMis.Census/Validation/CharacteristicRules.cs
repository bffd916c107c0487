using SchoolMis.Census.Returns;
using SchoolMis.Platform.ReferenceData;

namespace SchoolMis.Census.Validation;

// Ethnicity and first language are returned for pupils on roll (PupilCharacteristics); "refused" and "not obtained"
// are codes of their own (REFU, NOBT; REF, NOT), so a blank is always an error (NOTES.md 9).

internal sealed class EthnicityMissingRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data) =>
        from r in data.OnRoll
        where string.IsNullOrWhiteSpace(r.Pupil.Ethnicity)
        select new CensusProblem("ETHNICITY-MISSING", ProblemSeverity.Error,
            "No ethnicity recorded. Record the ethnicity the parents gave; if they declined, record \"Refused\" (REFU), or \"Information not yet obtained\" (NOBT) while you ask.",
            FixPlace.PupilDetails, r.Pupil);
}

internal sealed class EthnicityCodeRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data) =>
        from r in data.OnRoll
        where !string.IsNullOrWhiteSpace(r.Pupil.Ethnicity) && !DfeCodes.Ethnicities.ContainsKey(r.Pupil.Ethnicity)
        select new CensusProblem("ETHNICITY-CODE", ProblemSeverity.Error,
            $"Ethnicity \"{r.Pupil.Ethnicity}\" is not on the DfE list of ethnicity codes. Choose the pupil's ethnicity from the list.",
            FixPlace.PupilDetails, r.Pupil);
}

internal sealed class LanguageMissingRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data) =>
        from r in data.OnRoll
        where string.IsNullOrWhiteSpace(r.Pupil.FirstLanguage)
        select new CensusProblem("LANGUAGE-MISSING", ProblemSeverity.Error,
            "No first language recorded. Record it (ENG English, ENB believed to be English, OTB believed to be other than English, NOT not yet obtained, REF refused, or the language's code).",
            FixPlace.PupilDetails, r.Pupil);
}

internal sealed class LanguageCodeRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data) =>
        from r in data.OnRoll
        where !string.IsNullOrWhiteSpace(r.Pupil.FirstLanguage) && !DfeCodes.Languages.ContainsKey(r.Pupil.FirstLanguage)
        select new CensusProblem("LANGUAGE-CODE", ProblemSeverity.Error,
            $"First language \"{r.Pupil.FirstLanguage}\" is not on the DfE list of language codes. Record the pupil's first language with a code from the list.",
            FixPlace.PupilDetails, r.Pupil);
}

/// <summary>
/// A pupil whose service child status is not recorded is returned as U (unknown). Not wrong, but the service pupil
/// premium follows it, so the office should ask the family and record Y, N or R.
/// </summary>
internal sealed class ServiceChildRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data) =>
        from r in data.OnRoll
        where r.Pupil.ServiceChild is null
        select new CensusProblem("SERVICE-CHILD", ProblemSeverity.Query,
            "Service child not recorded, so the return says U (unknown). Ask the parents whether one of them serves in the armed forces and record Yes, No or Refused.",
            FixPlace.PupilDetails, r.Pupil);
}
