using SchoolMis.Census.Returns;

namespace SchoolMis.Census.Validation;

// SEN provision N, K or E on census day; need types ranked 1 and 2 for K and E, none for N, NSA only with K (NOTES.md 5).

internal sealed class SenNeedMissingRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data) =>
        from r in data.OnRoll
        where r.SenProvision is "K" or "E" && r.SenNeeds.Count == 0
        select new CensusProblem("SEN-NEED-MISSING", ProblemSeverity.Error,
            $"SEN provision is {Describe(r.SenProvision)} but no type of need is recorded. Record the pupil's primary need (and secondary need, if any).",
            FixPlace.Sen, r.Pupil);

    internal static string Describe(string provision) => provision switch
    {
        "K" => "SEN support (K)", "E" => "an EHC plan (E)", _ => "no special educational need (N)",
    };
}

internal sealed class SenNeedUnexpectedRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data) =>
        from r in data.OnRoll
        where r.SenProvision == "N" && r.SenNeeds.Count > 0
        select new CensusProblem("SEN-NEED-UNEXPECTED", ProblemSeverity.Error,
            "SEN provision is no special educational need (N) but types of need are recorded. Either record the provision the pupil has (K or E), or remove the need types.",
            FixPlace.Sen, r.Pupil);
}

internal sealed class SenNsaRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data) =>
        from r in data.OnRoll
        where r.SenProvision != "K" && r.SenNeeds.Any(n => n.Type == "NSA")
        select new CensusProblem("SEN-NSA", ProblemSeverity.Error,
            $"Need type NSA (SEN support but no specialist assessment) is only for SEN support (K), but the provision is {SenNeedMissingRule.Describe(r.SenProvision)}. Record the assessed type of need.",
            FixPlace.Sen, r.Pupil);
}

/// <summary>Legacy provisions (S, A, P) from imported history may not be returned: the census accepts N, K and E.</summary>
internal sealed class SenLegacyProvisionRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data) =>
        from r in data.OnRoll
        where r.SenProvision is not ("N" or "K" or "E")
        select new CensusProblem("SEN-PROVISION", ProblemSeverity.Error,
            $"SEN provision \"{r.SenProvision}\" is an old code the census no longer accepts. Record the pupil's current provision: N, K or E.",
            FixPlace.Sen, r.Pupil);
}
