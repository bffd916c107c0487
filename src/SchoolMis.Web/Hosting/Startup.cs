using FluentValidation;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SchoolMis.Identity;
using SchoolMis.Migrations;
using SchoolMis.Platform.Data;
using SchoolMis.Pupils;
using SchoolMis.Web.Demo;

namespace SchoolMis.Web.Hosting;

internal static class Startup
{
    public static IServiceCollection AddValidatorsFromModules(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining(typeof(IdentityModule), ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddValidatorsFromAssemblyContaining(typeof(PupilsModule), ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddValidatorsFromAssemblyContaining(typeof(SchoolMis.Attendance.AttendanceModule), ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddValidatorsFromAssemblyContaining(typeof(SchoolMis.Sen.SenModule), ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddValidatorsFromAssemblyContaining(typeof(SchoolMis.Meals.MealsModule), ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddValidatorsFromAssemblyContaining(typeof(SchoolMis.Medical.MedicalModule), ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddValidatorsFromAssemblyContaining(typeof(SchoolMis.Exclusions.ExclusionsModule), ServiceLifetime.Scoped, includeInternalTypes: true);
        return services;
    }

    /// <summary>
    /// Before the first request: the embedded SQLite database migrates itself (servers are migrated by the
    /// explicit `migrate` command, unless Database:MigrateOnStartup says otherwise), roles and the bootstrap client
    /// exist, and with Demo:Seed an empty database gets the demo schools.
    /// </summary>
    public static async Task PrepareAsync(WebApplication app, DatabaseSettings database)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SchoolMis.Startup");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var migrate = app.Configuration.GetValue<bool?>("Database:MigrateOnStartup") ?? database.Provider == DatabaseProvider.Sqlite;
        if (migrate)
            await DatabaseMigrator.MigrateAsync(app.Services, database);
        logger.LogInformation("Database ready after {Elapsed} ms", started.ElapsedMilliseconds);

        await app.Services.InitializeIdentityAsync(app.Configuration);
        logger.LogInformation("Identity ready after {Elapsed} ms", started.ElapsedMilliseconds);

        DemoCredentials? demo = null;
        if (app.Configuration.GetValue<bool>("Demo:Seed"))
        {
            demo = await DemoSeeder.SeedAsync(app.Services, app.Configuration, database);
            logger.LogInformation("Demo data ready after {Elapsed} ms", started.ElapsedMilliseconds);
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var url = addresses.FirstOrDefault() ?? "http://localhost:5000";
            Console.WriteLine();
            Console.WriteLine($"SchoolMis is running at {url}  (database: {database.Provider})");
            if (demo is not null)
                Console.WriteLine(demo.Describe(url));
            Console.WriteLine();
        });
    }
}
