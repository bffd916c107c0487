using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolMis.Platform.Imports.Ctf;
using SchoolMis.Platform.Security;

namespace SchoolMis.Platform.Imports;

/// <summary>
/// <c>POST /api/v1/schools/{school}/imports/{dataset}</c> (JSON array or NDJSON, streamed) and
/// <c>GET /api/v1/schools/{school}/reconciliation</c>: the Imports part of API.md, for every dataset any module registers.
/// </summary>
public static class ImportEndpoints
{
    public static IServiceCollection AddImports(this IServiceCollection services, Data.DatabaseSettings database)
    {
        services.AddDbContext<ImportJobsDbContext>(database.ConfigureInScope);
        services.AddSingleton<ImportProgress>();
        services.AddScoped(_ => new Data.SharedTransaction(database));
        services.AddSingleton<ImportJobWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportJobWorker>());
        return services;
    }

    public static IEndpointRouteBuilder MapImports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/schools/{school}/import-jobs/{id:guid}", async (Guid id, ImportJobsDbContext db, ImportProgress progress, CancellationToken ct) =>
        {
            var job = await db.FindViewAsync(id, progress, ct);
            if (job is null)
                return Results.Problem(statusCode: 404, title: "Not Found", detail: "No such import job at this school.");
            return Results.Ok(new { status = job.StatusName, job.Processed, job.Total, report = (object?)job.Ctf ?? job.Report });
        }).RequireAuthorization(Policies.ApiImport).WithTags("Imports").WithSummary("An asynchronous import's progress and report");
        app.MapPost("/api/v1/schools/{school}/imports/ctf", ImportCtfAsync)
            .RequireAuthorization(Policies.ApiImport).WithTags("Imports")
            // No Accepts() metadata: it would turn routing away from this endpoint for other types, and {dataset} would answer 404.
            .WithSummary("Import a Common Transfer File (application/xml; CTF 24.0, 25.0 or 26.0); ?dryRun=true validates only; ?admissionDate= for pupils new to the school");
        app.MapPost("/api/v1/schools/{school}/imports/{dataset}", ImportAsync)
            .RequireAuthorization(Policies.ApiImport).WithTags("Imports").WithSummary("Import a dataset (JSON array or NDJSON); ?dryRun=true validates only")
            .Accepts<JsonElement[]>("application/json", "application/x-ndjson");
        app.MapGet("/api/v1/schools/{school}/reconciliation", async (IEnumerable<IImportDataset> datasets, CancellationToken ct) =>
        {
            var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var dataset in datasets)
                counts[dataset.Name] = await dataset.CountAsync(ct);
            return TypedResults.Ok(counts);
        }).RequireAuthorization(Policies.ApiRead).WithTags("Imports").WithSummary("How many records the school holds, per dataset");
        return app;
    }

    private static async Task<IResult> ImportAsync(string school, string dataset, bool? dryRun, bool? async, HttpContext http,
        IEnumerable<IImportDataset> datasets, IConfiguration configuration, CancellationToken ct)
    {
        var target = datasets.FirstOrDefault(d => d.Name == dataset);
        if (target is null)
            return Results.Problem(statusCode: 404, title: "Not Found",
                detail: $"There is no dataset '{dataset}'. Datasets: {string.Join(", ", datasets.Select(d => d.Name).Order())}.");

        if (BodyTooLarge(http, configuration) is { } tooLarge)
            return tooLarge;

        var mediaType = http.Request.ContentType?.Split(';')[0].Trim();
        if (mediaType is not ("application/json" or "application/x-ndjson"))
            return Results.Problem(statusCode: 415, title: "Unsupported Media Type", detail: "Send application/json (an array) or application/x-ndjson (one object a line).");
        var ndJson = mediaType == "application/x-ndjson";
        if (async == true)
            return await QueueAsync(school, dataset, dryRun == true, ndJson, http, ct);
        var rows = Rows(http.Request.Body, ndJson, ct);

        var report = await target.ImportAsync(rows, dryRun == true, ct);
        return report.Rejected > 0 ? Results.Json(report, statusCode: 422) : Results.Ok(report);
    }

    /// <summary>413 when the declared body is over the limit; otherwise the limit is applied to the body as it streams in.</summary>
    private static IResult? BodyTooLarge(HttpContext http, IConfiguration configuration)
    {
        var limit = configuration.GetValue<long?>("Imports:MaxBodyBytes") ?? 512L * 1024 * 1024;
        if (http.Request.ContentLength > limit)
            return Results.Problem(statusCode: 413, title: "Payload Too Large", detail: $"An import body may be at most {limit:N0} bytes; split the file.");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit;
        return null;
    }

    /// <summary>
    /// A CTF is kept on disk while it is imported (each module's section reads it again as a stream), in a fresh scope
    /// whose module contexts share one transaction: the pupils, contacts and attendance of a file land together or not at all.
    /// </summary>
    private static async Task<IResult> ImportCtfAsync(string school, bool? dryRun, bool? async, DateOnly? admissionDate, HttpContext http,
        IConfiguration configuration, Tenancy.ITenantContext tenant, Tenancy.TenantScopeFactory scopes, TimeProvider clock, CancellationToken ct)
    {
        if (BodyTooLarge(http, configuration) is { } tooLarge)
            return tooLarge;
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim();
        if (mediaType is not ("application/xml" or "text/xml"))
            return Results.Problem(statusCode: 415, title: "Unsupported Media Type", detail: "Send the Common Transfer File as application/xml.");
        if (async == true)
            return await QueueAsync(school, Ctf.CtfImport.Dataset, dryRun == true, ndJson: false, http, ct, admissionDate);

        var file = Path.Combine(Path.GetTempPath(), $"schoolmis-ctf-{Guid.NewGuid():N}.xml");
        try
        {
            await using (var stored = File.Create(file))
                await http.Request.Body.CopyToAsync(stored, ct);
            var admitted = admissionDate ?? SchoolCalendar.Today(clock);
            var report = await scopes.RunAsync(tenant.Current.Id,
                (services, token) => Ctf.CtfImport.RunAsync(services, file, dryRun == true, admitted, progress: null, token), ct);
            return report.Errors.Count > 0 ? Results.Json(report, statusCode: 422) : Results.Ok(report);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Keeps the body on disk and queues a job for it: 202 with the job's address.</summary>
    private static async Task<IResult> QueueAsync(string school, string dataset, bool dryRun, bool ndJson, HttpContext http, CancellationToken ct,
        DateOnly? admissionDate = null)
    {
        var services = http.RequestServices;
        var tenant = services.GetRequiredService<Tenancy.ITenantContext>().Current;
        var db = services.GetRequiredService<ImportJobsDbContext>();
        var job = new ImportJob
        {
            Dataset = dataset, DryRun = dryRun, NdJson = ndJson, AdmissionDate = admissionDate, CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
        };
        var file = ImportJob.FileOf(tenant.Id, job.Id);
        await using (var stored = File.Create(file))
            await http.Request.Body.CopyToAsync(stored, ct);
        // Count the work now, so progress can be shown against a total.
        job.Total = await ImportJob.CountWorkAsync(services.SectionCount(), dataset, ndJson, file, ct);
        db.Jobs.Add(job);
        await db.SaveChangesAsync(ct);
        services.GetRequiredService<ImportJobWorker>().Wake();
        var location = $"/api/v1/schools/{school}/import-jobs/{job.Id}";
        return Results.Accepted(location, new { id = job.Id, status = "queued", total = job.Total, location });
    }

    /// <summary>The rows of a body or file, read as they arrive: a JSON array, or one JSON object a line.</summary>
    public static IAsyncEnumerable<RawRow> Rows(Stream body, bool ndJson, CancellationToken ct) => ndJson ? NdJson(body, ct) : JsonArray(body, ct);

    private static async IAsyncEnumerable<RawRow> JsonArray(Stream body, [EnumeratorCancellation] CancellationToken ct)
    {
        var number = 0;
        IAsyncEnumerator<JsonElement> items;
        items = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(body, cancellationToken: ct).GetAsyncEnumerator(ct);
        while (true)
        {
            string? error = null;
            bool more;
            try
            {
                more = await items.MoveNextAsync();
            }
            catch (JsonException e)
            {
                error = $"The body is not well-formed JSON: {e.Message.Split(" Path:")[0]} (line {e.LineNumber + 1}).";
                more = false;
            }
            if (error is not null)
            {
                yield return new RawRow(number + 1, default, error);
                yield break;
            }
            if (!more)
                yield break;
            yield return new RawRow(++number, items.Current, null);
        }
    }

    private static async IAsyncEnumerable<RawRow> NdJson(Stream body, [EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(body);
        var number = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            number++;
            JsonElement json = default;
            string? error = null;
            try
            {
                using var document = JsonDocument.Parse(line);
                json = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                error = $"Line {number} is not well-formed JSON: {e.Message.Split(" Path:")[0]}";
            }
            yield return new RawRow(number, json, error);
        }
    }
}
