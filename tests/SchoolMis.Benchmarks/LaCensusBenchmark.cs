using System.Diagnostics;
using System.IO.Compression;
using SchoolMis.Platform.Security;

namespace SchoolMis.Benchmarks;

internal sealed record LaCensusBenchResult(string Provider, int Schools, int PupilsPerSchool, long Marks, long ZipBytes, double AppSeconds, double RawSeconds,
    double SeedSeconds, CpuUse Cpu);

/// <summary>
/// Benchmark 5: an LA pulls the autumn census of all its schools as one zip (GET /api/v1/las/{la}/census/2026/AUT with
/// an LA client's token): N schools of 2,000 pupils, each with a year of marks. Timed once (it is minutes of seeding
/// for one figure), beside the same database work by hand for every school.
/// </summary>
internal static class LaCensusBenchmark
{
    public const string LaCode = "802";

    public static async Task<LaCensusBenchResult> RunAsync(BenchApp app, BenchDatabase db, HttpClient platform, BenchOptions options)
    {
        var clock = Stopwatch.StartNew();
        var schools = new List<SeededSchool>();
        long marks = 0;
        for (var i = 1; i <= options.LaSchools; i++)
        {
            var (school, m) = await CensusBenchmark.SeedAsync(app, db, platform, options.StatisticsPupils, $"LA Benchmark School {i:00}", LaCode, quiet: true);
            schools.Add(school);
            marks += m;
            if (i % 10 == 0 || i == options.LaSchools)
                Console.WriteLine($"  seeded {i} of {options.LaSchools} schools ({marks:N0} marks) in {clock.Elapsed.TotalSeconds:0} s");
        }
        if (await db.AfterBulkLoadAsync() is { } after)
            Console.WriteLine($"  then {after}");
        var seedSeconds = clock.Elapsed.TotalSeconds;

        var (clientId, secret) = await BenchApp.RegisterClientAsync(platform, null, LaCode, [Scopes.Census]);
        using var api = app.NewClient(await app.TokenAsync(clientId, secret, Scopes.Census));
        api.Timeout = TimeSpan.FromMinutes(30);
        var c = CensusBenchmark.Collection;
        var windows = new List<(DateOnly, DateOnly)> { (c.AttendanceWindow.From, c.AttendanceWindow.To) };
        if (c.SummerHalfTerm2Window is { } w2)
            windows.Add((w2.From, w2.To));

        await Load.WaitForQuietAsync(options.QuietWait);
        var cpu = CpuSample.Take();
        var started = Stopwatch.GetTimestamp();
        using var response = await api.GetAsync($"/api/v1/las/{LaCode}/census/{c.Year}/{c.TermCode}", HttpCompletionOption.ResponseHeadersRead);
        var zip = await response.Content.ReadAsByteArrayAsync();
        var appSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var use = CpuSample.Take().Since(cpu);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"LA zip: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(zip)}");

        started = Stopwatch.GetTimestamp();
        foreach (var school in schools)
            await db.RawCensusAsync(school.Id, c.CensusDay, c.EarliestActivity, windows);
        var rawSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        // Check: one return per school, each complete and valid against the schema.
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var entries = 0;
        var complete = 0;
        foreach (var entry in archive.Entries)
        {
            entries++;
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var (onRoll, _, schemaErrors) = CensusBenchmark.Inspect(copy.ToArray());
            if (onRoll == options.StatisticsPupils && schemaErrors == 0)
                complete++;
        }
        Console.WriteLine($"  check: zip of {zip.Length / (1024.0 * 1024):0.0} MiB with {entries} returns, {complete} complete and valid" +
                          (entries == schools.Count && complete == entries ? " (agrees)" : " (MISMATCH)"));
        Console.WriteLine($"  app   GET LA zip of {schools.Count} returns: {appSeconds:0.0} s ({appSeconds * 1000 / schools.Count:0} ms a school)");
        Console.WriteLine($"  raw   the same reads by hand, school by school: {rawSeconds:0.0} s; ratio {appSeconds / rawSeconds:0.00}x");
        Console.WriteLine($"  CPU during the download: machine {use.MachinePercent:0}%, database {use.DatabasePercent:0}%, other processes {use.OtherPercent:0}%" +
                          (use.OtherPercent > 10 ? " (DISTURBED by other work on the machine)" : ""));
        return new LaCensusBenchResult(db.Name, schools.Count, options.StatisticsPupils, marks, zip.Length, appSeconds, rawSeconds, seedSeconds, use);
    }
}
