using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SchoolMis.Platform.Imports;

namespace SchoolMis.E2E;

/// <summary>
/// The app with one extra dataset, <c>e2e-gated</c>, whose load stops half way until the test opens the gate: the only
/// way a browser test can be sure to see an import job still running, and then watch it finish.
/// </summary>
public sealed class GatedMigrationApp : BrowserApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ImportGate>();
            services.AddScoped<IImportDataset, GatedDataset>();
        });
    }

    public ImportGate Gate => Services.GetRequiredService<ImportGate>();
}

/// <summary>Where a gated load waits (at most a minute, so a failed test cannot hang the others).</summary>
public sealed class ImportGate
{
    private readonly SemaphoreSlim _open = new(0);
    private int _opened;

    public int Loaded { get; set; }

    /// <summary>Lets the waiting load (and any later one) through; opening twice is the same as once.</summary>
    public void Open()
    {
        if (Interlocked.Exchange(ref _opened, 1) == 0)
            _open.Release(1000);
    }

    public Task WaitAsync(CancellationToken ct) => _open.WaitAsync(TimeSpan.FromMinutes(1), ct);
}

/// <summary>Accepts any JSON object. A real load reads the first half of the rows, waits at the gate, then reads the rest.</summary>
public sealed class GatedDataset(ImportGate gate) : IImportDataset
{
    public const string DatasetName = "e2e-gated";

    public string Name => DatasetName;

    public Task<int> CountAsync(CancellationToken cancellationToken) => Task.FromResult(gate.Loaded);

    public async Task<ImportReport> ImportAsync(IAsyncEnumerable<RawRow> rows, bool dryRun, CancellationToken cancellationToken)
    {
        var received = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            received++;
            // The worker reports progress every 500 rows, as the 500th is read: stopping here shows "500 of 1,000".
            if (!dryRun && received == 500)
                await gate.WaitAsync(cancellationToken);
        }
        if (!dryRun)
            gate.Loaded += received;
        return new ImportReport(Name, dryRun, received, received, 0, 0, 0, []);
    }
}
