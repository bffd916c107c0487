using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace SchoolMis.Migrate;

/// <summary>One file's outcome.</summary>
public sealed record FileResult(string File, string Dataset, HttpStatusCode Status, JsonElement Report)
{
    public bool Succeeded => Status is HttpStatusCode.OK or HttpStatusCode.Accepted && !(Report.TryGetProperty("rejected", out var r) && r.GetInt32() > 0);
}

/// <summary>
/// Loads a folder of export files into one school, in dependency order: registration groups, pupils, contacts,
/// Common Transfer Files (any <c>*.xml</c>), attendance marks, school history, SEN history, meal types, FSM periods (before meals,
/// whose paid flag follows them when left out), meals, then photos. Each other file is named after
/// its dataset (<c>pupils.json</c>, <c>pupils.ndjson</c>, <c>photos.zip</c>). JSON and NDJSON files run as server
/// jobs whose progress is shown as they go. Stops at the first file that is refused, since later files refer to earlier ones.
/// </summary>
public sealed class MigrationRunner(HttpClient api, string school, TextWriter output)
{
    public const string Ctf = "ctf";

    public static readonly string[] Order = ["registration-groups", "pupils", "contacts", Ctf, "attendance-marks", "school-history", "sen",
        "meal-types", "fsm-periods", "meals", "photos"];

    /// <summary>How often a job's progress is asked for.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public static async Task<string> TokenAsync(HttpClient http, string clientId, string secret, CancellationToken ct)
    {
        var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = "schoolmis.import schoolmis.read",
        }), ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"The server refused the client credentials: {body}");
        return body.GetProperty("access_token").GetString()!;
    }

    public async Task<IReadOnlyList<FileResult>> RunAsync(string folder, bool dryRun, CancellationToken ct)
    {
        var ctfs = Directory.GetFiles(folder, "*.xml").Order(StringComparer.Ordinal).ToList();
        var files = Order.SelectMany(d => d == Ctf ? ctfs : new[] { $"{d}.json", $"{d}.ndjson", $"{d}.zip" }.Select(f => Path.Combine(folder, f)))
            .Where(File.Exists).ToList();
        if (files.Count == 0)
            throw new InvalidOperationException($"No files to load in {folder}: expected names like pupils.json, attendance-marks.ndjson, a CTF .xml, photos.zip.");
        var unknown = Directory.GetFiles(folder).Select(Path.GetFileName).Where(f => !files.Any(x => Path.GetFileName(x) == f)).ToList();
        foreach (var f in unknown)
            await output.WriteLineAsync($"  skipped {f}: not a dataset this tool knows ({string.Join(", ", Order)})");

        var results = new List<FileResult>();
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var extension = Path.GetExtension(file);
            var dataset = extension == ".xml" ? Ctf : Path.GetFileNameWithoutExtension(file);
            var type = extension switch { ".ndjson" => "application/x-ndjson", ".zip" => "application/zip", ".xml" => "application/xml", _ => "application/json" };
            var size = new FileInfo(file).Length;
            await output.WriteLineAsync($"[{i + 1}/{files.Count}] {Path.GetFileName(file)} ({size:N0} bytes) -> {dataset}{(dryRun ? " (dry run)" : "")}");
            // Rows of JSON go as a server job, so a long file shows its progress; a CTF and photos answer directly.
            var asJob = extension is ".json" or ".ndjson";
            await using var stream = File.OpenRead(file);
            using var content = new StreamContent(stream);
            content.Headers.ContentType = new MediaTypeHeaderValue(type);
            var response = await api.PostAsync($"/api/v1/schools/{school}/imports/{dataset}?dryRun={dryRun.ToString().ToLowerInvariant()}{(asJob ? "&async=true" : "")}", content, ct);
            var (status, report) = response.StatusCode == HttpStatusCode.Accepted
                ? await FollowJobAsync(response.Headers.Location!, ct)
                : (response.StatusCode, response.Content.Headers.ContentLength == 0 ? default : await response.Content.ReadFromJsonAsync<JsonElement>(ct));
            var result = new FileResult(Path.GetFileName(file), dataset, status, report);
            results.Add(result);
            await output.WriteLineAsync("      " + Describe(result));
            if (!result.Succeeded)
            {
                await output.WriteLineAsync("Stopped: later files depend on this one. Nothing of this file was written.");
                break;
            }
        }
        if (results.All(r => r.Succeeded))
        {
            var counts = await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{school}/reconciliation", ct);
            await output.WriteLineAsync("The school now holds: " + string.Join(", ", counts.EnumerateObject().Select(p => $"{p.Name} {p.Value}")));
        }
        return results;
    }

    /// <summary>Polls a queued import until it ends, printing its progress; the job's report is the file's outcome.</summary>
    private async Task<(HttpStatusCode, JsonElement)> FollowJobAsync(Uri location, CancellationToken ct)
    {
        var lastShown = -1;
        while (true)
        {
            var job = await api.GetFromJsonAsync<JsonElement>(location, ct);
            var status = job.GetProperty("status").GetString();
            var processed = job.GetProperty("processed").GetInt32();
            var total = job.GetProperty("total").GetInt32();
            if (status is "succeeded" or "failed")
            {
                var report = job.GetProperty("report");
                var rejected = report.ValueKind == JsonValueKind.Object && report.GetProperty("rejected").GetInt32() > 0;
                return (status == "succeeded" && !rejected ? HttpStatusCode.OK : HttpStatusCode.UnprocessableEntity, report);
            }
            if (processed != lastShown)
            {
                await output.WriteLineAsync($"      {status}: {processed:N0} of {total:N0} rows ({(total == 0 ? 0 : 100.0 * processed / total):0}%)");
                lastShown = processed;
            }
            await Task.Delay(PollInterval, ct);
        }
    }

    private static string Describe(FileResult r)
    {
        if (r.Report.ValueKind != JsonValueKind.Object)
            return $"{(int)r.Status} {r.Status}";
        if (r.Report.TryGetProperty("matched", out var matched))
            return $"photos: {matched} matched, {r.Report.GetProperty("notMatched").GetArrayLength()} not matched, {r.Report.GetProperty("notJpeg").GetArrayLength()} not JPEG";
        if (r.Report.TryGetProperty("sections", out var sections))
            return DescribeCtf(r.Report, sections);
        if (!r.Report.TryGetProperty("received", out var received))
            return $"{(int)r.Status}: {(r.Report.TryGetProperty("detail", out var d) ? d.GetString() : r.Report.ToString())}";
        var line = $"{received} rows: {r.Report.GetProperty("created")} created, {r.Report.GetProperty("updated")} updated, " +
                   $"{r.Report.GetProperty("unchanged")} unchanged, {r.Report.GetProperty("rejected")} rejected";
        foreach (var e in r.Report.GetProperty("errors").EnumerateArray().Take(20))
            line += $"\n        row {e.GetProperty("row")} {e.GetProperty("field")}: {e.GetProperty("message")}";
        return line;
    }

    private static string DescribeCtf(JsonElement report, JsonElement sections)
    {
        var line = $"CTF {report.GetProperty("ctfVersion")}: {report.GetProperty("received")} pupils, {report.GetProperty("rejected")} rejected";
        foreach (var s in sections.EnumerateArray())
            line += $"\n        {s.GetProperty("dataset")}: {s.GetProperty("created")} created, {s.GetProperty("updated")} updated, {s.GetProperty("unchanged")} unchanged";
        foreach (var s in report.GetProperty("skipped").EnumerateArray())
            line += $"\n        skipped {s.GetProperty("element")} ({s.GetProperty("pupils")} pupils): {s.GetProperty("reason")}";
        foreach (var e in report.GetProperty("errors").EnumerateArray().Take(20))
            line += $"\n        pupil {e.GetProperty("row")} {e.GetProperty("section")} {e.GetProperty("field")}: {e.GetProperty("message")}";
        return line;
    }
}
