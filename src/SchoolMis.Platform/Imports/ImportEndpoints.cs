using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SchoolMis.Platform.Security;

namespace SchoolMis.Platform.Imports;

/// <summary>
/// <c>POST /api/v1/schools/{school}/imports/{dataset}</c> (JSON array or NDJSON, streamed) and
/// <c>GET /api/v1/schools/{school}/reconciliation</c>: the Imports part of API.md, for every dataset any module registers.
/// </summary>
public static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapImports(this IEndpointRouteBuilder app)
    {
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

    private static async Task<IResult> ImportAsync(string dataset, bool? dryRun, HttpContext http, IEnumerable<IImportDataset> datasets,
        IConfiguration configuration, CancellationToken ct)
    {
        var target = datasets.FirstOrDefault(d => d.Name == dataset);
        if (target is null)
            return Results.Problem(statusCode: 404, title: "Not Found",
                detail: $"There is no dataset '{dataset}'. Datasets: {string.Join(", ", datasets.Select(d => d.Name).Order())}.");

        var limit = configuration.GetValue<long?>("Imports:MaxBodyBytes") ?? 512L * 1024 * 1024;
        if (http.Request.ContentLength > limit)
            return Results.Problem(statusCode: 413, title: "Payload Too Large", detail: $"An import body may be at most {limit:N0} bytes; split the file.");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit;

        var mediaType = http.Request.ContentType?.Split(';')[0].Trim();
        if (mediaType is not ("application/json" or "application/x-ndjson"))
            return Results.Problem(statusCode: 415, title: "Unsupported Media Type", detail: "Send application/json (an array) or application/x-ndjson (one object a line).");
        var rows = Rows(http.Request.Body, mediaType == "application/x-ndjson", ct);

        var report = await target.ImportAsync(rows, dryRun == true, ct);
        return report.Rejected > 0 ? Results.Json(report, statusCode: 422) : Results.Ok(report);
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
