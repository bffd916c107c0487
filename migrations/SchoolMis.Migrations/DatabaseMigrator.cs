using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SchoolMis.Platform.Data;

namespace SchoolMis.Migrations;

/// <summary>
/// Applies the provider's migrations. The embedded SQLite default does this at start-up; server databases are
/// migrated by the explicit <c>migrate</c> command as a deployment step.
/// </summary>
public static class DatabaseMigrator
{
    public static async Task MigrateAsync(IServiceProvider services, DatabaseSettings database, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MigrationsDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("SchoolMis.Migrations");

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) on {Provider}", pending.Count, database.Provider);
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging lets readers carry on while a register is saved; it is a property of the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
