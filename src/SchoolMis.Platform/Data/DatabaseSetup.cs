using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace SchoolMis.Platform.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}

/// <summary>
/// Reads <c>Database:Provider</c> and <c>ConnectionStrings:SchoolMis</c> and configures any DbContext for them.
/// All module contexts share one database; migrations come from the provider's assembly under <c>migrations/</c>.
/// </summary>
public sealed class DatabaseSettings
{
    public required DatabaseProvider Provider { get; init; }
    public required string ConnectionString { get; init; }

    public static DatabaseSettings From(IConfiguration configuration, string contentRoot)
    {
        // "provider" alone is what `dotnet ef ... -- --provider X` passes at design time.
        var name = configuration["provider"] ?? configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider))
            throw new InvalidOperationException($"Database:Provider '{name}' is not one of Sqlite, PostgreSql, SqlServer.");

        var connectionString = configuration.GetConnectionString("SchoolMis");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider switch
            {
                DatabaseProvider.Sqlite => $"Data Source={DefaultSqlitePath(contentRoot)}",
                // Design-time only (migrations, scripts): no connection is opened.
                _ => "Host=localhost;Database=schoolmis;Server=localhost",
            };
        }
        if (provider == DatabaseProvider.PostgreSql)
            connectionString = TunePostgres(connectionString);
        return new DatabaseSettings { Provider = provider, ConnectionString = connectionString };
    }

    /// <summary>
    /// Npgsql defaults that suit this app, unless the connection string says otherwise: statements used twice are
    /// prepared on the server (a register save repeats the same few every time), and pooled connections skip the
    /// session reset (the app sets no session state). Measured: PostgreSQL's CPU per register save roughly halved
    /// (docs/benchmarks.md).
    /// </summary>
    private static string TunePostgres(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase))
            builder.MaxAutoPrepare = 50;
        if (!connectionString.Contains("Auto Prepare Min Usages", StringComparison.OrdinalIgnoreCase))
            builder.AutoPrepareMinUsages = 2;
        if (!connectionString.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase))
            builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    /// <summary>The embedded default: a file in a <c>data</c> folder beside the app.</summary>
    public static string DefaultSqlitePath(string contentRoot)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "data");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, "schoolmis.db");
    }

    public string MigrationsAssembly => Provider switch
    {
        DatabaseProvider.Sqlite => "SchoolMis.Migrations.Sqlite",
        DatabaseProvider.PostgreSql => "SchoolMis.Migrations.PostgreSql",
        DatabaseProvider.SqlServer => "SchoolMis.Migrations.SqlServer",
        _ => throw new InvalidOperationException(),
    };

    public void Configure(DbContextOptionsBuilder options) => Configure(options, null);

    /// <summary>
    /// For module contexts: the same, except that in a scope where a <see cref="SharedTransaction"/> has begun the
    /// context uses its connection (and joins its transaction when it is built).
    /// </summary>
    public void ConfigureInScope(IServiceProvider services, DbContextOptionsBuilder options) =>
        Configure(options, services.GetService(typeof(SharedTransaction)) is SharedTransaction { Connection: { } shared } ? shared : null);

    private void Configure(DbContextOptionsBuilder options, System.Data.Common.DbConnection? connection)
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite when connection is not null:
                options.UseSqlite(connection, o => o.MigrationsAssembly(MigrationsAssembly));
                options.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.SqliteEventId.SchemaConfiguredWarning));
                break;
            case DatabaseProvider.PostgreSql when connection is not null:
                options.UseNpgsql(connection, o => o.MigrationsAssembly(MigrationsAssembly));
                break;
            case DatabaseProvider.SqlServer when connection is not null:
                options.UseSqlServer(connection, o => o.MigrationsAssembly(MigrationsAssembly));
                break;
            case DatabaseProvider.Sqlite:
                options.UseSqlite(ConnectionString, o => o.MigrationsAssembly(MigrationsAssembly));
                // SQLite has no schemas; module tables keep unique names instead (checked by a model test).
                options.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.SqliteEventId.SchemaConfiguredWarning));
                options.AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseProvider.PostgreSql:
                options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(MigrationsAssembly));
                break;
            case DatabaseProvider.SqlServer:
                options.UseSqlServer(ConnectionString, o => o.MigrationsAssembly(MigrationsAssembly));
                break;
        }
    }
}

/// <summary>
/// Per-connection SQLite settings. With write-ahead logging (set once on the file by the migrator), synchronous=NORMAL
/// cannot corrupt the database and skips a disk sync per commit; a power cut can lose only the last commits. The
/// embedded default is for one machine; schools in production run on PostgreSQL or SQL Server.
/// busy_timeout makes a writer wait for another instead of failing at once.
/// </summary>
internal sealed class SqlitePragmas : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData) =>
        Apply(connection);

    public override Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    internal static void Apply(System.Data.Common.DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";
        command.ExecuteNonQuery();
    }
}
