using System.Reflection;
using SchoolMis.Identity;
using SchoolMis.Pupils;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.UnitTests;

/// <summary>Module boundaries: a module may use another only through its Contracts.</summary>
public class ArchitectureTests
{
    private static readonly Assembly[] Modules = [typeof(IdentityModule).Assembly, typeof(PupilsModule).Assembly, typeof(SchoolMis.Attendance.AttendanceModule).Assembly,
        typeof(SchoolMis.Sen.SenModule).Assembly,
        typeof(SchoolMis.Meals.MealsModule).Assembly,
        typeof(SchoolMis.Medical.MedicalModule).Assembly,
        typeof(SchoolMis.Exclusions.ExclusionsModule).Assembly, typeof(SchoolMis.Census.CensusModule).Assembly];

    [Fact]
    public void A_module_references_other_modules_only_through_their_contracts()
    {
        foreach (var module in Modules)
        {
            var own = module.GetName().Name!;
            var offending = module.GetReferencedAssemblies().Select(a => a.Name!)
                .Where(n => n.StartsWith("SchoolMis.", StringComparison.Ordinal))
                .Where(n => n != "SchoolMis.Platform" && n != own + ".Contracts" && !n.EndsWith(".Contracts", StringComparison.Ordinal))
                .ToList();
            offending.ShouldBeEmpty($"{own} may reference only SchoolMis.Platform and *.Contracts");
        }
    }

    private static readonly Assembly[] Contracts =
    [
        typeof(CountPupilsOnRollQuery).Assembly, typeof(SchoolMis.Identity.Contracts.ListSchoolStaffQuery).Assembly,
        typeof(SchoolMis.Attendance.Contracts.GetSessionCountsQuery).Assembly, typeof(SchoolMis.Sen.Contracts.GetSenStatusQuery).Assembly,
        typeof(SchoolMis.Meals.Contracts.GetSchoolLunchTakenQuery).Assembly, typeof(SchoolMis.Medical.Contracts.GetMedicalAlertsQuery).Assembly,
        typeof(SchoolMis.Exclusions.Contracts.GetExclusionsStartedQuery).Assembly,
    ];

    [Fact]
    public void Contracts_carry_no_persistence_or_web_dependencies()
    {
        foreach (var contracts in Contracts)
        {
            var references = contracts.GetReferencedAssemblies().Select(a => a.Name!).ToList();
            references.ShouldNotContain(n => n.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
            references.ShouldNotContain(n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
            references.ShouldNotContain(n => n.StartsWith("SchoolMis.", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Contracts_never_mention_the_tenant()
    {
        var leaks = Contracts.SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetProperties().Select(p => $"{t.Name}.{p.Name}"))
            .Where(n => n.Contains("TenantId", StringComparison.Ordinal));
        leaks.ShouldBeEmpty();
    }

    [Fact]
    public void Use_case_messages_are_immutable_records()
    {
        var messages = Modules.SelectMany(a => a.GetTypes())
            .Where(t => t.GetInterfaces().Any(i => i.Namespace == "Mediator" && (i.Name.StartsWith("ICommand", StringComparison.Ordinal) || i.Name.StartsWith("IQuery", StringComparison.Ordinal))))
            .ToList();
        messages.ShouldNotBeEmpty();
        foreach (var message in messages)
        {
            message.IsSealed.ShouldBeTrue($"{message.Name} should be sealed");
            message.GetProperties().Where(p => p.SetMethod is { IsPublic: true } && !p.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit"))
                .ShouldBeEmpty($"{message.Name} should be immutable");
        }
    }
}
