using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SchoolMis.Platform.Security;
using Microsoft.Extensions.DependencyInjection;
using SchoolMis.Platform.Imports.Ctf;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Platform.Imports;

/// <summary>
/// The school admin's migration page works on uploaded files: a file is checked with a dry run and kept until the
/// admin confirms (or uploads another). Files live under the app's data folder, one folder per school, and are
/// deleted once loaded.
/// </summary>
public static class MigrationUploads
{
    /// <param name="DryRun">The check's report (for a CTF, its summary in pupils; <paramref name="Ctf"/> has the sections).</param>
    public sealed record Upload(Guid Id, string Dataset, string FileName, bool NdJson, ImportReport DryRun, Ctf.CtfImportReport? Ctf = null);

    /// <summary>The job page's poll: status (queued, running, succeeded, failed), rows processed of the total.</summary>
    public sealed record JobProgress(string Status, bool Finished, int Processed, int Total, int Rejected);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static string Folder(Guid tenantId)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "data", "uploads", tenantId.ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static Upload? Find(Guid tenantId, Guid id)
    {
        var meta = Path.Combine(Folder(tenantId), $"{id:N}.json.meta");
        return File.Exists(meta) ? JsonSerializer.Deserialize<Upload>(File.ReadAllText(meta), Json) : null;
    }

    public static IEndpointRouteBuilder MapMigrationUploads(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/schools/{school}/migration").RequireAuthorization(Policies.SchoolAdmin).ExcludeFromDescription();

        group.MapPost("/check", async (string school, [FromForm] string dataset, IFormFile file, ITenantContext tenant,
            IEnumerable<IImportDataset> datasets, TenantScopeFactory scopes, TimeProvider clock, CancellationToken ct) =>
        {
            var target = datasets.FirstOrDefault(d => d.Name == dataset);
            var isCtf = dataset == Ctf.CtfImport.Dataset;
            if ((target is null && !isCtf) || file.Length == 0)
                return Results.LocalRedirect($"/schools/{school}/migration?problem={Uri.EscapeDataString("Choose a dataset and a file that is not empty.")}");
            var id = Guid.NewGuid();
            var path = Path.Combine(Folder(tenant.Current.Id), $"{id:N}.data");
            await using (var stored = File.Create(path))
                await file.CopyToAsync(stored, ct);
            var ndJson = file.FileName.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) || file.FileName.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);
            Upload upload;
            if (isCtf)
            {
                // In a scope of its own: a CTF's module contexts share one transaction (rolled back: this is a check).
                var ctf = await scopes.RunAsync(tenant.Current.Id,
                    (services, token) => Ctf.CtfImport.RunAsync(services, path, dryRun: true, clock.Today(), progress: null, token), ct);
                upload = new Upload(id, dataset, Path.GetFileName(file.FileName), false, Ctf.CtfImport.Summary(ctf), ctf);
            }
            else
            {
                await using var read = File.OpenRead(path);
                var report = await target!.ImportAsync(ImportEndpoints.Rows(read, ndJson, ct), dryRun: true, ct);
                upload = new Upload(id, dataset, Path.GetFileName(file.FileName), ndJson, report);
            }
            await File.WriteAllTextAsync(Path.Combine(Folder(tenant.Current.Id), $"{id:N}.json.meta"), JsonSerializer.Serialize(upload, Json), ct);
            return Results.LocalRedirect($"/schools/{school}/migration?upload={id:N}");
        }).DisableAntiforgery().AddEndpointFilter(ValidateAntiforgery);

        // Confirming queues a job (as the API's ?async=true does) and shows its progress page: a large file is loaded in
        // the background, all or nothing, rather than inside this request.
        group.MapPost("/{id:guid}/confirm", async (string school, Guid id, ITenantContext tenant, ImportJobsDbContext db, ImportJobWorker worker,
            TimeProvider clock, IServiceProvider services, CancellationToken ct) =>
        {
            var upload = Find(tenant.Current.Id, id);
            // A CTF's work is its pupils once for each module's section.
            var total = upload is null ? 0 : upload.Ctf is null ? upload.DryRun.Received : upload.DryRun.Received * services.SectionCount();
            var job = upload is null ? null : await ImportJob.QueueFromFileAsync(db, tenant.Current.Id, upload.Dataset, dryRun: false, upload.NdJson,
                Path.Combine(Folder(tenant.Current.Id), $"{id:N}.data"), total, clock.GetUtcNow(), ct);
            if (upload is null || job is null)
                return Results.LocalRedirect($"/schools/{school}/migration?problem={Uri.EscapeDataString("That upload has already been loaded or has expired. Upload the file again.")}");
            File.Delete(Path.Combine(Folder(tenant.Current.Id), $"{id:N}.json.meta"));
            worker.Wake();
            return Results.LocalRedirect($"/schools/{school}/migration/jobs/{job.Id:N}");
        }).DisableAntiforgery().AddEndpointFilter(ValidateAntiforgery);

        // What the job page's script polls. The tenant filter means another school's job is simply not found.
        group.MapGet("/jobs/{id:guid}/progress", async (Guid id, ImportJobsDbContext db, ImportProgress progress, CancellationToken ct) =>
        {
            var job = await db.FindViewAsync(id, progress, ct);
            if (job is null)
                return Results.NotFound();
            return Results.Json(new JobProgress(job.StatusName, job.Finished, job.Processed, job.Total, job.Report?.Rejected ?? 0));
        });
        return app;
    }

    // These posts come from the page's own forms; antiforgery is checked explicitly because a file upload endpoint
    // binds the form itself.
    private static async ValueTask<object?> ValidateAntiforgery(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var antiforgery = context.HttpContext.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(context.HttpContext))
            return Results.BadRequest("The form has expired; reload the page and try again.");
        return await next(context);
    }
}
