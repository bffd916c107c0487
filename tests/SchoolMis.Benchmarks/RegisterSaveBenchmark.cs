using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace SchoolMis.Benchmarks;

internal sealed record RegisterLevel(LoadResult Baseline, LoadResult App)
{
    public double ThroughputRatio => App.SavesPerSecond / Baseline.SavesPerSecond;
}

internal sealed record RegisterBenchResult(string Provider, IReadOnlyList<RegisterLevel> Levels, LoadResult Serial, Profile Profile);

/// <summary>
/// Benchmark 1: many clients each saving fresh 30-pupil registers through PUT /api/v1/schools/{school}/registers/...,
/// beside a raw ADO.NET baseline that writes the same rows (30 marks and the register row, one transaction) at the
/// same concurrency.
/// </summary>
internal static class RegisterSaveBenchmark
{
    private const string BaselineBy = "Benchmark baseline";

    public static async Task<RegisterBenchResult> RunAsync(BenchDatabase db, SeededSchool school, HttpClient api, BenchOptions options, EfProbe probe)
    {
        var keys = KeySource.For(school);
        var appKeys = new KeySource(keys);
        var rawKeys = new KeySource(keys);
        // The baseline writes the same rows for a tenant id of its own, so its registers never collide with the app's.
        var baselineTenant = Guid.CreateVersion7();

        Task<string?> App(RegisterKey key) => SaveViaHttpAsync(api, school.Slug, key);
        async Task<string?> Raw(RegisterKey key)
        {
            var (marks, register) = RowsFor(key, baselineTenant);
            await db.SaveRegisterAsync(marks, register);
            return null;
        }

        Console.WriteLine($"  {school.Groups.Count} groups x {school.Groups[0].Pupils.Count} pupils, {school.SchoolDays.Count} school days: " +
                          $"{keys.Count:N0} fresh registers available to each side");
        var warmApp = await Load.RunAsync("warm-up", 16, options.Warmup, appKeys, App);
        var warmRaw = await Load.RunAsync("warm-up", 16, options.Warmup / 2, rawKeys, Raw);
        Console.WriteLine($"  warm-up: app {warmApp.Saves} saves ({warmApp.Errors} errors), baseline {warmRaw.Saves} saves ({warmRaw.Errors} errors)");
        if (warmApp.FirstError is not null)
            Console.WriteLine($"  first app error: {warmApp.FirstError}");

        Console.WriteLine();
        Console.WriteLine($"  {"clients",7} {"kind",-9} {"saves",7} {"errors",6} {"saves/s",8} {"p50 ms",8} {"p99 ms",8} {"mean ms",8} {"CPU %",6} {"proc CPU ms/save",16}");
        var levels = new List<RegisterLevel>();
        foreach (var clients in options.Clients)
        {
            var baseline = await Load.RunAsync("baseline", clients, options.Phase, rawKeys, Raw);
            Print(baseline);
            var app = await Load.RunAsync("app", clients, options.Phase, appKeys, App);
            Print(app);
            var level = new RegisterLevel(baseline, app);
            levels.Add(level);
            Console.WriteLine($"  {"",7} {"ratio",-9} app/baseline: throughput {level.ThroughputRatio:0.00}x, " +
                              $"p50 {app.P50 / baseline.P50:0.0}x, p99 {app.P99 / baseline.P99:0.0}x the baseline's latency");
        }

        // Where the time goes: one client at a time (no queueing), with EF Core's command events recorded.
        probe.Start();
        var serial = await Load.RunAsync("app 1 client", 1, options.ProfileDuration, appKeys, App);
        var profile = probe.Stop();
        Console.WriteLine();
        Console.WriteLine($"  Profile, 1 client, {serial.Saves} saves: p50 {serial.P50:0.00} ms, mean {serial.Mean:0.00} ms per save; process CPU {serial.ProcessCpuMsPerSave:0.00} ms per save");
        PrintProfile(profile, serial.Saves, serial.Mean);
        Console.WriteLine($"  registers used: app {appKeys.Used:N0}, baseline {rawKeys.Used:N0} of {keys.Count:N0} each");
        return new RegisterBenchResult(db.Name, levels, serial, profile);
    }

    public static void PrintProfile(Profile profile, int operations, double meanMs)
    {
        if (operations == 0)
            return;
        var perOp = (double)profile.CommandCount / operations;
        var sqlMs = profile.CommandMs / operations;
        Console.WriteLine($"  SQL commands per operation: {perOp:0.0}; their execution time {sqlMs:0.00} ms of {meanMs:0.00} ms " +
                          $"({100 * sqlMs / meanMs:0}%) (EF Core's CommandExecuted duration; includes the round trip and reading the rows)");
        foreach (var byContext in profile.Commands.GroupBy(c => c.Context).OrderByDescending(g => g.Sum(c => c.Count)))
        {
            profile.ConnectionOpens.TryGetValue(byContext.Key, out var opens);
            Console.WriteLine($"    {byContext.Key,-22} {byContext.Sum(c => c.Count) / (double)operations,5:0.0} commands, " +
                              $"{byContext.Sum(c => c.TotalMs) / operations,6:0.00} ms, {opens / (double)operations,4:0.0} connection opens per operation");
        }
        Console.WriteLine("    most frequent commands (per operation, mean ms each):");
        foreach (var c in profile.Commands.OrderByDescending(c => c.Count).ThenByDescending(c => c.TotalMs).Take(14))
            Console.WriteLine($"      {c.Count / (double)operations,4:0.0} x {c.TotalMs / c.Count,6:0.000} ms  {c.Context}: {c.Sql}");
    }

    private static void Print(LoadResult r)
    {
        Console.WriteLine($"  {r.Clients,7} {r.Kind,-9} {r.Saves,7} {r.Errors,6} {r.SavesPerSecond,8:0.0} {r.P50,8:0.0} {r.P99,8:0.0} {r.Mean,8:0.0} " +
                          $"{r.MachineCpuPercent,6:0} {r.ProcessCpuMsPerSave,16:0.00}");
        if (r.FirstError is not null)
            Console.WriteLine($"  {"",7} first error: {r.FirstError}");
        if (r.RanOutOfRegisters)
            Console.WriteLine($"  {"",7} (stopped early: no fresh registers left)");
    }

    private static async Task<string?> SaveViaHttpAsync(HttpClient api, string slug, RegisterKey key)
    {
        var url = new Uri($"/api/v1/schools/{slug}/registers/{key.Group.Code}/{key.DateText}/{key.SessionName}", UriKind.Relative);
        using var content = new ByteArrayContent(Body(key));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await api.PutAsync(url, content);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            return $"HTTP {(int)response.StatusCode}: {Truncate(body)}";
        if (!body.Contains($"\"recorded\":{key.Group.Pupils.Count},", StringComparison.Ordinal))
            return $"unexpected answer: {Truncate(body)}";
        return null;
    }

    /// <summary>{ "marks": [ { "pupilId": ..., "code": "/" }, ... ], "reason": null } (the afternoon's present code is \).</summary>
    private static byte[] Body(RegisterKey key)
    {
        var code = key.Session == 1 ? "/" : "\\\\";
        var json = new StringBuilder(40 + key.Group.Pupils.Count * 72);
        json.Append("{\"marks\":[");
        for (var i = 0; i < key.Group.Pupils.Count; i++)
        {
            json.Append(i == 0 ? "" : ",").Append("{\"pupilId\":\"").Append(key.Group.Pupils[i].ToString()).Append("\",\"code\":\"").Append(code).Append("\"}");
        }
        json.Append("],\"reason\":null}");
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    private static (IReadOnlyList<MarkRow> Marks, RegisterRow Register) RowsFor(RegisterKey key, Guid tenantId)
    {
        var now = DateTimeOffset.UtcNow;
        var code = key.Session == 1 ? "/" : "\\";
        var marks = new MarkRow[key.Group.Pupils.Count];
        for (var i = 0; i < marks.Length; i++)
            marks[i] = new MarkRow(Guid.CreateVersion7(), tenantId, key.Group.Pupils[i], key.Date, key.Session, code, 1, null, key.Group.Id, now, BaselineBy);
        return (marks, new RegisterRow(Guid.CreateVersion7(), tenantId, key.Group.Id, key.Date, key.Session, now, BaselineBy));
    }

    private static string Truncate(string s) => s.Length <= 300 ? s : s[..300] + "...";
}
