using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace SchoolMis.Platform.Data;

/// <summary>
/// One connection and one transaction shared by every module context of a DI scope, for work that must be all or
/// nothing across modules: a Common Transfer File writes pupils, contacts and attendance, each owned by its module.
/// Begin it in a fresh scope before any module context is resolved; contexts resolved afterwards use its connection
/// and join its transaction (<see cref="DatabaseSettings.ConfigureInScope"/>). Ordinary requests never begin one.
/// </summary>
public sealed class SharedTransaction(DatabaseSettings settings) : IAsyncDisposable
{
    private DbConnection? _connection;

    public DbTransaction? Transaction { get; private set; }

    internal DbConnection? Connection => _connection;

    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null)
            throw new InvalidOperationException("This scope already has a shared transaction.");
        _connection = settings.Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteConnection(settings.ConnectionString),
            DatabaseProvider.PostgreSql => new NpgsqlConnection(settings.ConnectionString),
            DatabaseProvider.SqlServer => new Microsoft.Data.SqlClient.SqlConnection(settings.ConnectionString),
            _ => throw new InvalidOperationException(),
        };
        await _connection.OpenAsync(cancellationToken);
        if (settings.Provider == DatabaseProvider.Sqlite)
            SqlitePragmas.Apply(_connection);
        Transaction = await _connection.BeginTransactionAsync(cancellationToken);
    }

    public Task CommitAsync(CancellationToken cancellationToken) =>
        (Transaction ?? throw new InvalidOperationException("No shared transaction has begun.")).CommitAsync(cancellationToken);

    public Task RollbackAsync(CancellationToken cancellationToken) =>
        (Transaction ?? throw new InvalidOperationException("No shared transaction has begun.")).RollbackAsync(cancellationToken);

    /// <summary>Makes a context created in this scope use the shared transaction (called by TenantDbContext).</summary>
    internal static void Join(DbContext context, DbContextOptions options)
    {
        var services = options.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        if (services?.GetService<SharedTransaction>()?.Transaction is { } transaction)
            context.Database.UseTransaction(transaction);
    }

    public async ValueTask DisposeAsync()
    {
        if (Transaction is not null)
            await Transaction.DisposeAsync(); // rolls back unless committed
        if (_connection is not null)
            await _connection.DisposeAsync();
    }
}
