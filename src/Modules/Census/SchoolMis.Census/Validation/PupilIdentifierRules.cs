using SchoolMis.Census.Returns;
using SchoolMis.Platform.Identifiers;

namespace SchoolMis.Census.Validation;

/// <summary>A UPN belongs to one pupil: two pupils in the same return with the same UPN are an error (compared case-insensitively, NOTES.md 6.1).</summary>
internal sealed class DuplicateUpnRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data) =>
        from g in data.AllPupils.Where(r => !string.IsNullOrEmpty(r.Pupil.Upn)).GroupBy(r => r.Pupil.Upn, StringComparer.OrdinalIgnoreCase)
        where g.Count() > 1
        from r in g
        select new CensusProblem("UPN-DUPLICATE", ProblemSeverity.Error,
            $"UPN {r.Pupil.Upn} is also given to {g.Count() - 1} other pupil(s) in this return. Each pupil needs their own UPN: check which record is right and correct the other.",
            FixPlace.PupilDetails, r.Pupil);
}

/// <summary>Temporary UPNs are an interim measure only (census guide): the permanent UPN should replace them.</summary>
internal sealed class TemporaryUpnRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data) =>
        from r in data.AllPupils
        where Upn.IsValid(r.Pupil.Upn) && Upn.IsTemporary(r.Pupil.Upn)
        select new CensusProblem("UPN-TEMPORARY", ProblemSeverity.Query,
            $"UPN {r.Pupil.Upn} is a temporary UPN. Replace it with the pupil's permanent UPN from their previous school's CTF, or ask the LA; keep the temporary one only if none can be found yet.",
            FixPlace.PupilDetails, r.Pupil);
}

/// <summary>A ULN, when given, must pass its check digit (census error 1575, NOTES.md 6.2).</summary>
internal sealed class UlnCheckRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data) =>
        from r in data.AllPupils
        where !string.IsNullOrEmpty(r.Pupil.Uln) && !Uln.IsValid(r.Pupil.Uln)
        select new CensusProblem("ULN-CHECK", ProblemSeverity.Error,
            $"ULN {r.Pupil.Uln} is not a valid Unique Learner Number (wrong check digit). Correct it from the Learning Records Service, or remove it.",
            FixPlace.PupilDetails, r.Pupil);
}

/// <summary>The census collects sex as M or F only (NOTES.md 9).</summary>
internal sealed class SexRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data) =>
        from r in data.AllPupils
        where r.Pupil.Sex is not ("M" or "F")
        select new CensusProblem("SEX", ProblemSeverity.Error,
            "Sex must be recorded as male (M) or female (F) for the census. Record the pupil's sex.",
            FixPlace.PupilDetails, r.Pupil);
}
