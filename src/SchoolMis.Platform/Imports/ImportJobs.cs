using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Platform.Imports;

public enum ImportJobStatus
{
    Queued = 1,
    Running = 2,
    Succeeded = 3,
    Failed = 4,
}

/// <summary>
/// A large import accepted with <c>?async=true</c>. The body is kept on disk until the job ends. Because an import is
/// one transaction, a job interrupted by a restart has written nothing and is simply run again from its file, so it
/// ends succeeded or failed, never half-written.
/// </summary>
public sealed class ImportJob : ITenantScoped
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TenantId { get; private set; }
    public required string Dataset { get; init; }
    public bool DryRun { get; init; }
    public bool NdJson { get; init; }

    /// <summary>For a CTF: the admission date of pupils new to the school (null: the day the job runs).</summary>
    public DateOnly? AdmissionDate { get; init; }
    public ImportJobStatus Status { get; set; } = ImportJobStatus.Queued;
    public int Total { get; set; }
    public int Attempts { get; set; }
    public string? ReportJson { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; set; }

    public static string FileOf(Guid tenantId, Guid jobId)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "data", "import-jobs", tenantId.ToString("N"));
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{jobId:N}.data");
    }

    /// <summary>
    /// Queues a job for a file that is already on disk (a checked upload on the migration page): the file is moved into
    /// the job's place, so a second confirm of the same upload finds nothing to move and queues nothing. The total is
    /// counted from the file unless the caller already knows it. The caller wakes the <see cref="ImportJobWorker"/>.
    /// (The API's <c>?async=true</c> does the same from a request body in <c>ImportEndpoints.QueueAsync</c>.)
    /// </summary>
    /// <returns>The queued job, or null when <paramref name="file"/> no longer exists.</returns>
    public static async Task<ImportJob?> QueueFromFileAsync(ImportJobsDbContext db, Guid tenantId, string dataset, bool dryRun, bool ndJson,
        string file, int? total, DateTimeOffset now, CancellationToken ct)
    {
        var job = new ImportJob { Dataset = dataset, DryRun = dryRun, NdJson = ndJson, CreatedAt = now };
        var target = FileOf(tenantId, job.Id);
        try
        {
            File.Move(file, target); // atomic on one volume: of two confirms at once, one wins
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        job.Total = total ?? await CountWorkAsync(sections: 0, dataset, ndJson, target, ct);
        db.Jobs.Add(job);
        await db.SaveChangesAsync(ct);
        return job;
    }

    /// <summary>A job's total for its progress bar: the rows of a dataset's file, or a CTF's pupils times its sections.</summary>
    internal static async Task<int> CountWorkAsync(int sections, string dataset, bool ndJson, string file, CancellationToken ct)
    {
        if (dataset == Ctf.CtfImport.Dataset)
            return await Ctf.CtfImport.CountWorkAsync(sections, file, ct);
        var rows = 0;
        await using var read = File.OpenRead(file);
        await foreach (var _ in ImportEndpoints.Rows(read, ndJson, ct))
            rows++;
        return rows;
    }
}

/// <summary>A job as its progress page and progress endpoint show it.</summary>
/// <param name="Report">The report, or for a CTF its summary (<see cref="Ctf.CtfImport.Summary"/>) beside the full <paramref name="Ctf"/>.</param>
public sealed record ImportJobView(Guid Id, string Dataset, bool DryRun, ImportJobStatus Status, int Processed, int Total,
    ImportReport? Report, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, Ctf.CtfImportReport? Ctf = null)
{
    public bool Finished => Status is ImportJobStatus.Succeeded or ImportJobStatus.Failed;

    /// <summary>Lower case, as the API spells it: queued, running, succeeded, failed.</summary>
    public string StatusName => Status.ToString().ToLowerInvariant();
}

public sealed class ImportJobsDbContext(DbContextOptions<ImportJobsDbContext> options, ITenantContext tenant) : TenantDbContext(options, tenant)
{
    public DbSet<ImportJob> Jobs => Set<ImportJob>();

    protected override void BuildModel(ModelBuilder modelBuilder) => modelBuilder.ApplyImportJobsModel();

    /// <summary>One of this school's jobs (the tenant filter applies: another school's job is not found), with its progress.</summary>
    public async Task<ImportJobView?> FindViewAsync(Guid id, ImportProgress progress, CancellationToken ct)
    {
        var job = await Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
        return job is null ? null : ViewOf(job, progress);
    }

    /// <summary>This school's latest jobs, newest first.</summary>
    public async Task<List<ImportJobView>> RecentViewsAsync(int count, ImportProgress progress, CancellationToken ct) =>
        (await Jobs.AsNoTracking().OrderByDescending(j => j.Id).Take(count).ToListAsync(ct)).Select(j => ViewOf(j, progress)).ToList();

    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web);

    private static ImportJobView ViewOf(ImportJob job, ImportProgress progress)
    {
        var ctf = job.ReportJson is not null && job.Dataset == Ctf.CtfImport.Dataset
            ? JsonSerializer.Deserialize<Ctf.CtfImportReport>(job.ReportJson, ReportJson) : null;
        var report = ctf is not null ? Ctf.CtfImport.Summary(ctf)
            : job.ReportJson is null ? null : JsonSerializer.Deserialize<ImportReport>(job.ReportJson, ReportJson);
        var processed = job.Status is ImportJobStatus.Succeeded or ImportJobStatus.Failed
            ? (ctf is not null ? job.Total : report?.Received ?? 0)
            : job.Status == ImportJobStatus.Running ? progress.Of(job.Id) ?? 0 : 0;
        return new ImportJobView(job.Id, job.Dataset, job.DryRun, job.Status, processed, job.Total, report, job.CreatedAt, job.FinishedAt, ctf);
    }

    /// <summary>Unfinished jobs of every school, for the worker only: the one place that looks across schools, and it
    /// then runs each job inside its own school's scope.</summary>
    internal Task<List<(Guid Id, Guid TenantId)>> UnfinishedAsync(CancellationToken ct) =>
        Jobs.IgnoreQueryFilters([TenantModel.FilterName])
            .Where(j => j.Status == ImportJobStatus.Queued || j.Status == ImportJobStatus.Running)
            .OrderBy(j => j.Id) // version 7: oldest first
            .Select(j => new ValueTuple<Guid, Guid>(j.Id, j.TenantId))
            .ToListAsync(ct);
}

public static class ImportJobsModel
{
    public static ModelBuilder ApplyImportJobsModel(this ModelBuilder builder)
    {
        builder.Entity<ImportJob>(j =>
        {
            j.ToTable("ImportJobs", "imports");
            j.HasKey(x => x.Id);
            j.Property(x => x.Dataset).HasMaxLength(50);
            j.HasIndex(x => x.Status);
        });
        return builder;
    }
}

/// <summary>How far running jobs have got (rows processed), kept in memory: progress is not worth a write per batch.</summary>
public sealed class ImportProgress
{
    private readonly ConcurrentDictionary<Guid, int> _processed = new();

    public void Report(Guid jobId, int processed) => _processed[jobId] = processed;

    public int? Of(Guid jobId) => _processed.TryGetValue(jobId, out var n) ? n : null;

    public void Forget(Guid jobId) => _processed.TryRemove(jobId, out _);
}

/// <summary>Runs queued import jobs one at a time, and on start-up resumes any a restart interrupted.</summary>
public sealed class ImportJobWorker(IServiceScopeFactory scopes, TenantScopeFactory tenants, ImportProgress progress, ILogger<ImportJobWorker> logger)
    : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Asks the worker to look for work now rather than at its next poll.</summary>
    public void Wake() => _wake.Release();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                List<(Guid Id, Guid TenantId)> jobs;
                await using (var scope = scopes.CreateAsyncScope())
                    jobs = await scope.ServiceProvider.GetRequiredService<ImportJobsDbContext>().UnfinishedAsync(stoppingToken);
                foreach (var (id, tenantId) in jobs)
                    await tenants.RunAsync(tenantId, (sp, ct) => RunAsync(sp, id, ct), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Import job worker failed; retrying shortly");
            }
            await _wake.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }

    private async Task RunAsync(IServiceProvider services, Guid jobId, CancellationToken ct)
    {
        var db = services.GetRequiredService<ImportJobsDbContext>();
        var job = await db.Jobs.SingleAsync(j => j.Id == jobId, ct);
        var file = ImportJob.FileOf(job.TenantId, job.Id);
        var isCtf = job.Dataset == Ctf.CtfImport.Dataset;
        job.Status = ImportJobStatus.Running;
        job.Attempts++;
        await db.SaveChangesAsync(ct);

        ImportReport report;
        object fullReport;
        // A CTF's module contexts must not be built before its shared transaction begins, so datasets are looked up only for datasets.
        var dataset = isCtf ? null : services.GetRequiredService<IEnumerable<IImportDataset>>().FirstOrDefault(d => d.Name == job.Dataset);
        if ((dataset is null && !isCtf) || !File.Exists(file) || job.Attempts > 3)
        {
            report = new ImportReport(job.Dataset, job.DryRun, 0, 0, 0, 0, 1,
                [new ImportError(0, null, "", "job", job.Attempts > 3 ? "The job failed three times and was stopped." : "The job's data is missing.")]);
            fullReport = isCtf ? new Ctf.CtfImportReport(job.Dataset, job.DryRun, null, null, 0, 1, [], [],
                [new Ctf.CtfImportError("job", 0, null, "", "job", report.Errors[0].Message)]) : report;
        }
        else if (isCtf)
        {
            var ctf = await Ctf.CtfImport.RunAsync(services, file, job.DryRun, job.AdmissionDate ?? SchoolCalendar.Today(services.GetRequiredService<TimeProvider>()),
                n => progress.Report(jobId, n), ct);
            (report, fullReport) = (Ctf.CtfImport.Summary(ctf), ctf);
        }
        else
        {
            await using var read = File.OpenRead(file);
            var rows = Counted(ImportEndpoints.Rows(read, job.NdJson, ct), n => progress.Report(jobId, n));
            report = await dataset!.ImportAsync(rows, job.DryRun, ct);
            fullReport = report;
        }

        job.Status = report.Rejected == 0 && report.Errors.Count == 0 ? ImportJobStatus.Succeeded : ImportJobStatus.Failed;
        job.ReportJson = JsonSerializer.Serialize(fullReport, Json);
        job.FinishedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        progress.Forget(jobId);
        File.Delete(file);
        logger.LogInformation("Import job {JobId} ({Dataset}) {Status}: {Received} rows", jobId, job.Dataset, job.Status, report.Received);
    }

    private static async IAsyncEnumerable<RawRow> Counted(IAsyncEnumerable<RawRow> rows, Action<int> report)
    {
        var n = 0;
        await foreach (var row in rows)
        {
            if (++n % 500 == 0)
                report(n);
            yield return row;
        }
        report(n);
    }
}
