using Microsoft.Extensions.DependencyInjection;
using SchoolMis.Census.Returns;
using SchoolMis.Platform.Identifiers;

namespace SchoolMis.Census.Validation;

/// <summary>Registers every census rule.</summary>
public static class CensusRules
{
    public static IServiceCollection AddCensusRules(this IServiceCollection services)
    {
        foreach (var rule in typeof(CensusRules).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICensusRule).IsAssignableFrom(t)))
            services.AddSingleton(typeof(ICensusRule), rule);
        return services;
    }
}

/// <summary>A UPN's first character is a check letter over the other twelve (NOTES.md 6.1).</summary>
internal sealed class UpnCheckLetterRule : ICensusRule
{
    public IEnumerable<CensusProblem> Check(CensusReturnData data) =>
        from r in data.AllPupils
        let reason = Upn.Check(r.Pupil.Upn)
        where reason is not null
        select new CensusProblem("UPN-CHECK", ProblemSeverity.Error,
            $"{reason} Correct the UPN ({r.Pupil.Upn}) from the pupil's previous school or their CTF.", FixPlace.PupilDetails, r.Pupil);
}
