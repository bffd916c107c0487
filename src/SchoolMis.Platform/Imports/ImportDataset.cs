using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Platform.Web;

namespace SchoolMis.Platform.Imports;

/// <summary>The answer to an import: what came in, what it did (or would do, on a dry run), and every rejected row.</summary>
public sealed record ImportReport(string Dataset, bool DryRun, int Received, int Created, int Updated, int Unchanged, int Rejected,
    IReadOnlyList<ImportError> Errors);

/// <summary>One problem with one row (rows count from 1).</summary>
public sealed record ImportError(int Row, string? ExternalId, string Field, string Code, string Message)
{
    /// <summary>A row names a pupil the school does not have (every dataset that refers to pupils says it the same way).</summary>
    public static ImportError UnknownPupil(int row, string? externalId, string? pupilExternalId) =>
        new(row, externalId, "pupilExternalId", "unknown-reference", $"No pupil with externalId '{pupilExternalId}': import pupils first.");
}

/// <summary>A row as read from the body: its JSON, or why it could not be read.</summary>
public readonly record struct RawRow(int Number, JsonElement Json, string? ReadError);

/// <summary>A dataset that migration tooling can load: registered by the module that owns the data.</summary>
public interface IImportDataset
{
    string Name { get; }

    Task<ImportReport> ImportAsync(IAsyncEnumerable<RawRow> rows, bool dryRun, CancellationToken cancellationToken);

    /// <summary>How many records of this dataset the school holds (reconciliation against the source system).</summary>
    Task<int> CountAsync(CancellationToken cancellationToken);
}

public enum RowOutcome
{
    Created,
    Updated,
    Unchanged,
}

/// <summary>
/// The shared pipeline: read rows as they stream in, turn each into the dataset's row type (type errors name the
/// field), validate it, refuse duplicate external ids, upsert valid rows in batches inside one transaction, and
/// commit only if every row was accepted and this is not a dry run. A dataset writes only its row type, validator
/// and batch upsert.
/// </summary>
public abstract class ImportDataset<TRow>(DbContext db, IValidator<TRow> validator) : IImportDataset where TRow : class
{
    public const int BatchSize = 1000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public abstract string Name { get; }

    public abstract Task<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>The row's key within the request, for duplicate detection and the report (its externalId, or natural key).</summary>
    protected abstract string? KeyOf(TRow row);

    /// <summary>
    /// Writes a batch (tracked changes are saved by the pipeline). Returns each row's outcome, or adds errors for rows
    /// that refer to unknown records or clash with existing ones.
    /// </summary>
    protected abstract Task<IReadOnlyList<RowOutcome?>> UpsertAsync(IReadOnlyList<(int Row, TRow Data)> batch, List<ImportError> errors,
        CancellationToken cancellationToken);

    public async Task<ImportReport> ImportAsync(IAsyncEnumerable<RawRow> rows, bool dryRun, CancellationToken cancellationToken)
    {
        var errors = new List<ImportError>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<(int, TRow)>(BatchSize);
        int received = 0, created = 0, updated = 0, unchanged = 0;
        var rejectedRows = new HashSet<int>();

        // Inside a shared transaction (a CTF writes several datasets as one), its owner commits or rolls back.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        async Task FlushAsync()
        {
            if (batch.Count == 0)
                return;
            var before = errors.Count;
            var outcomes = await UpsertAsync(batch, errors, cancellationToken);
            foreach (var e in errors.Skip(before))
                rejectedRows.Add(e.Row);
            // Saved even when a row was rejected: the transaction is rolled back at the end anyway, and later rows
            // that refer to this batch's valid rows then find them instead of reporting false unknown references.
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear(); // keep memory flat however long the file is
            foreach (var outcome in outcomes)
            {
                if (outcome == RowOutcome.Created) created++;
                else if (outcome == RowOutcome.Updated) updated++;
                else if (outcome == RowOutcome.Unchanged) unchanged++;
            }
            batch.Clear();
        }

        await foreach (var raw in rows.WithCancellation(cancellationToken))
        {
            received++;
            if (raw.ReadError is not null)
            {
                errors.Add(new(raw.Number, null, "", "malformed", raw.ReadError));
                rejectedRows.Add(raw.Number);
                continue;
            }
            TRow? row;
            try
            {
                row = raw.Json.ValueKind == JsonValueKind.Object ? raw.Json.Deserialize<TRow>(Json) : null;
                if (row is null)
                {
                    errors.Add(new(raw.Number, null, "", "malformed", "Each row must be a JSON object."));
                    rejectedRows.Add(raw.Number);
                    continue;
                }
            }
            catch (JsonException e)
            {
                var field = (e.Path ?? "$").TrimStart('$', '.');
                errors.Add(new(raw.Number, ExternalIdOf(raw.Json), field, "type", e.Message.Split(" Path:")[0]));
                rejectedRows.Add(raw.Number);
                continue;
            }

            var result = await validator.ValidateAsync(row, cancellationToken);
            var key = KeyOf(row);
            if (!result.IsValid)
            {
                foreach (var failure in result.Errors)
                    errors.Add(new(raw.Number, key, ProblemDetailsExceptionHandler.JsonPath(failure.PropertyName), "invalid", failure.ErrorMessage));
                rejectedRows.Add(raw.Number);
                continue;
            }
            if (key is not null && !keys.Add(key))
            {
                errors.Add(new(raw.Number, key, "externalId", "duplicate", $"'{key}' appears more than once in this request."));
                rejectedRows.Add(raw.Number);
                continue;
            }
            batch.Add((raw.Number, row));
            if (batch.Count >= BatchSize)
                await FlushAsync();
        }
        await FlushAsync();

        // All or nothing: one rejected row, or a dry run, and the transaction is rolled back.
        var rejected = rejectedRows.Count;
        if (transaction is not null)
        {
            if (rejected == 0 && !dryRun)
                await transaction.CommitAsync(cancellationToken);
            else
                await transaction.RollbackAsync(cancellationToken);
        }

        return rejected > 0
            ? new ImportReport(Name, dryRun, received, 0, 0, 0, rejected, errors.OrderBy(e => e.Row).Take(1000).ToList())
            : new ImportReport(Name, dryRun, received, created, updated, unchanged, 0, []);
    }

    private static string? ExternalIdOf(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty("externalId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
}
