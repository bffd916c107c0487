using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using SchoolMis.Identity;
using SchoolMis.Migrations;
using SchoolMis.Platform.Tenancy;
using SchoolMis.Pupils;

namespace SchoolMis.UnitTests;

/// <summary>Checks on the data model that keep tenancy and the three providers honest.</summary>
public class ModelTests
{
    private static readonly Assembly[] ModuleAssemblies = [typeof(IdentityModule).Assembly, typeof(PupilsModule).Assembly, typeof(SchoolMis.Attendance.AttendanceModule).Assembly,
        typeof(SchoolMis.Sen.SenModule).Assembly, typeof(SchoolMis.Meals.MealsModule).Assembly, typeof(SchoolMis.Medical.MedicalModule).Assembly, typeof(SchoolMis.Exclusions.ExclusionsModule).Assembly, typeof(SchoolMis.Census.CensusModule).Assembly, typeof(SchoolMis.Platform.Imports.ImportJobsDbContext).Assembly];

    private static IEnumerable<Type> ModuleContexts() =>
        ModuleAssemblies.SelectMany(a => a.GetTypes()).Where(t => typeof(DbContext).IsAssignableFrom(t) && !t.IsAbstract);

    private static DbContext Create(Type contextType)
    {
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))!;
        builder.UseSqlite("Data Source=:memory:");
        var parameters = contextType.GetConstructors().Single().GetParameters();
        var args = parameters.Select(p => p.ParameterType == typeof(ITenantContext) ? new FakeTenant() : (object)builder.Options).ToArray();
        return (DbContext)Activator.CreateInstance(contextType, args)!;
    }

    /// <summary>Entities of a school-data context that are not isolated by the named tenant filter.</summary>
    private static List<string> UnisolatedEntities(DbContext context) =>
        context.Model.GetEntityTypes()
            .Where(e => !e.IsOwned())
            .Where(e => !typeof(ITenantScoped).IsAssignableFrom(e.ClrType) || e.FindDeclaredQueryFilter(TenantModel.FilterName) is null)
            .Select(e => $"{context.GetType().Name}.{e.ClrType.Name}")
            .ToList();

    [Fact]
    public void Every_entity_of_every_school_data_context_has_the_tenant_filter()
    {
        var contexts = ModuleContexts().Where(t => t.GetCustomAttribute<SharedAcrossTenantsAttribute>() is null).ToList();
        contexts.ShouldNotBeEmpty();
        foreach (var type in contexts)
        {
            using var context = Create(type);
            UnisolatedEntities(context).ShouldBeEmpty();
        }
    }

    [Fact]
    public void The_filter_check_catches_an_entity_that_forgot_tenancy()
    {
        using var context = new LeakyContext(new DbContextOptionsBuilder<LeakyContext>().UseSqlite("Data Source=:memory:").Options);
        UnisolatedEntities(context).ShouldBe(["LeakyContext.Leaky"]);
    }

    [Fact]
    public void Every_context_that_opts_out_of_tenancy_says_why()
    {
        foreach (var type in ModuleContexts().Append(typeof(MigrationsDbContext)))
        {
            var optOut = type.GetCustomAttribute<SharedAcrossTenantsAttribute>();
            if (optOut is not null)
                optOut.Reason.Length.ShouldBeGreaterThan(20, $"{type.Name} must explain why it is shared across schools");
            else
                typeof(TenantDbContext).IsAssignableFrom(type).ShouldBeTrue($"{type.Name} holds school data but is not a TenantDbContext");
        }
    }

    [Fact]
    public void Uniqueness_of_school_data_is_per_school()
    {
        using var context = Create(typeof(SchoolMis.Pupils.Data.PupilsDbContext));
        foreach (var index in context.Model.GetEntityTypes().Where(e => !e.IsOwned()).SelectMany(e => e.GetIndexes()).Where(i => i.IsUnique))
            index.Properties[0].Name.ShouldBe(nameof(ITenantScoped.TenantId), $"{index.DeclaringEntityType.ClrType.Name} unique index");
    }

    [Fact]
    public void Table_names_are_unique_without_schemas_because_sqlite_has_none()
    {
        using var context = new MigrationsDbContext(new DbContextOptionsBuilder<MigrationsDbContext>().UseSqlite("Data Source=:memory:").Options);
        var names = context.Model.GetEntityTypes().Where(e => !e.IsOwned()).Select(e => e.GetTableName()).Distinct().ToList();
        names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
    }

    [Fact]
    public void The_idempotent_sql_server_script_parses_as_t_sql()
    {
        // SQL Server cannot run on these machines; this is the nearest check: EF generates the deployment script
        // without a connection, and Microsoft's own T-SQL parser must accept every batch of it.
        using var context = new MigrationsDbContext(new DbContextOptionsBuilder<MigrationsDbContext>()
            .UseSqlServer("Server=unused;Database=unused", o => o.MigrationsAssembly("SchoolMis.Migrations.SqlServer")).Options);
        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        script.ShouldContain("CREATE TABLE [pupils].[Pupils]");

        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(script), out var errors);
        errors.Select(e => $"line {e.Line}: {e.Message}").ShouldBeEmpty();
    }

    private sealed class FakeTenant : ITenantContext
    {
        public bool IsResolved => true;
        public TenantInfo Current { get; } = new(Guid.NewGuid(), "test", "Test", "801", "2001", "100000", "PS", SchoolStatus.Active);
        public Guid? TenantId => Current.Id;
    }

    private sealed class Leaky
    {
        public Guid Id { get; set; }
    }

    private sealed class LeakyContext(DbContextOptions<LeakyContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Leaky>();
    }
}
