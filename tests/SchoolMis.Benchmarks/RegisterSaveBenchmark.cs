using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using SchoolMis.Attendance.Domain;
using SchoolMis.Attendance.Features.Registers;
using SchoolMis.Platform.Tenancy;

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

    public static async Task<RegisterBenchResult> RunAsync(BenchDatabase db, SeededSchool school, HttpClient api, HttpClient reader,
        TenantScopeFactory scopes, BenchOptions options, EfProbe probe)
    {
        var keys = KeySource.For(school);
        var appKeys = new KeySource(keys);
        var rawKeys = new KeySource(keys, cycle: true);
        // The baseline writes the same rows for tenant ids of its own (a new one each time it has used every register),
        // so its registers never collide with the app's or its own.
        var baselineTenants = new System.Collections.Concurrent.ConcurrentDictionary<int, Guid>();

        Task<string?> App(RegisterKey key, int pass) => SaveViaHttpAsync(api, school.Slug, key);
        async Task<string?> Raw(RegisterKey key, int pass)
        {
            var (marks, register) = RowsFor(key, baselineTenants.GetOrAdd(pass, _ => Guid.CreateVersion7()));
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
        Console.WriteLine("  CPU columns: share of all cores used by the machine, by PostgreSQL for this database, and by other people's");
        Console.WriteLine("  processes (a shared machine: runs with 'other' above 10% are disturbed); 'proc ms/save' is this process's CPU per save.");
        Console.WriteLine($"  {"clients",7} {"kind",-9} {"saves",7} {"errors",6} {"saves/s",8} {"p50 ms",8} {"p99 ms",8} {"mean ms",8} {"CPU%",5} {"db%",4} {"other%",6} {"proc ms/save",12}");
        var levels = new List<RegisterLevel>();
        foreach (var clients in options.Clients)
        {
            var baseline = await Load.MeasureAsync("baseline", clients, options.Phase, rawKeys, Raw, options.QuietWait);
            Print(baseline);
            var app = await Load.MeasureAsync("app", clients, options.Phase, appKeys, App, options.QuietWait);
            Print(app);
            var level = new RegisterLevel(baseline, app);
            levels.Add(level);
            Console.WriteLine($"  {"",7} {"ratio",-9} app/baseline: throughput {level.ThroughputRatio:0.00}x, " +
                              $"p50 {app.P50 / baseline.P50:0.0}x, p99 {app.P99 / baseline.P99:0.0}x the baseline's latency");
        }

        // Where the time goes: one request at a time (no queueing), with EF Core's command events recorded.
        Console.WriteLine();
        Console.WriteLine("  Where the time goes: one operation at a time, SQL counted from EF Core's events; CPU per operation in this");
        Console.WriteLine("  process (app and client) and in PostgreSQL for this database");
        Console.WriteLine($"  {"operation",-44} {"ops",6} {"p50 ms",7} {"mean ms",7} {"app CPU ms/op",13} {"db CPU ms/op",12} {"SQL cmds/op",11} {"SQL ms/op",9} {"other%",6}");
        await Task.Delay(TimeSpan.FromSeconds(1)); // let the last run's tail (GC, JIT) settle
        await Load.WaitForQuietAsync(options.QuietWait);
        await SerialAsync("raw: open pooled connection + SELECT 1", probe, options, async () =>
        {
            await db.PingAsync();
            return null;
        });
        await SerialAsync("GET /health (no auth, 1 query)", probe, options, async () =>
        {
            using var r = await api.GetAsync(new Uri("/health", UriKind.Relative));
            return r.IsSuccessStatusCode ? null : $"HTTP {(int)r.StatusCode}";
        });
        var readKeys = new KeySource(keys, cycle: true);
        await SerialAsync("GET register (bearer token, read)", probe, options, async () =>
        {
            readKeys.TryTake(out var key);
            using var r = await reader.GetAsync(new Uri($"/api/v1/schools/{school.Slug}/registers/{key.Group.Code}/{key.DateText}/{key.SessionName}", UriKind.Relative));
            await r.Content.ReadAsStringAsync();
            return r.IsSuccessStatusCode ? null : $"HTTP {(int)r.StatusCode}";
        });
        await SerialAsync("TakeRegisterCommand via ISender (no HTTP)", probe, options, async () =>
        {
            if (!appKeys.TryTake(out var key))
                return "no registers left";
            await scopes.RunAsync(school.Id, (sp, ct) => sp.GetRequiredService<ISender>().Send(new TakeRegisterCommand(key.Group.Id, key.Date,
                (Session)key.Session, [.. key.Group.Pupils.Select(p => new MarkEntry(p, key.Session == 1 ? "/" : "\\"))], null, SeenCodesGiven: false), ct).AsTask());
            return null;
        });
        var (serial, profile) = await SerialAsync("PUT register (the benchmarked request)", probe, options, async () =>
            appKeys.TryTake(out var key) ? await App(key, 0) : "no registers left");
        await SerialAsync("baseline: raw ADO.NET save", probe, options, async () =>
            rawKeys.TryTake(out var key, out var pass) ? await Raw(key, pass) : "no registers left");
        if (db is PostgresDatabase postgres)
        {
            await SerialAsync("raw, EF's shape: 31 one-row INSERTs, 1 batch", probe, options, async () =>
            {
                if (!rawKeys.TryTake(out var key, out var pass))
                    return "no registers left";
                var (marks, register) = RowsFor(key, baselineTenants.GetOrAdd(pass, _ => Guid.CreateVersion7()));
                await postgres.SaveRegisterRowByRowAsync(marks, register);
                return null;
            });
        }
        Console.WriteLine();
        Console.WriteLine($"  The PUT, command by command (mean of {serial.Saves} serial saves):");
        PrintProfile(profile, serial.Saves, serial.Mean);
        Console.WriteLine($"  registers saved: app {appKeys.Used:N0} of {keys.Count:N0}, baseline {rawKeys.Used:N0}");
        return new RegisterBenchResult(db.Name, levels, serial, profile);
    }

    /// <summary>Runs an operation serially for a short while with the SQL probe on; prints one line.</summary>
    private static async Task<(LoadResult Result, Profile Profile)> SerialAsync(string label, EfProbe probe, BenchOptions options, Func<Task<string?>> operation)
    {
        probe.Start();
        var result = await Load.RunAsync(label, 1, options.ProfileDuration, KeySource.Unbounded(), (_, _) => operation());
        var profile = probe.Stop();
        var n = Math.Max(1, result.Saves);
        var dbMs = result.Cpu.DatabasePercent / 100 * Environment.ProcessorCount * result.Seconds * 1000 / n;
        Console.WriteLine($"  {label,-44} {result.Saves,6} {result.P50,7:0.00} {result.Mean,7:0.00} {result.ProcessCpuMsPerSave,13:0.00} {dbMs,12:0.00} " +
                          $"{profile.CommandCount / (double)n,11:0.0} {profile.CommandMs / n,9:0.00} {result.Cpu.OtherPercent,6:0}{(result.FirstError is null ? "" : "  error: " + result.FirstError)}");
        return (result, profile);
    }

    public static void PrintProfile(Profile profile, int operations, double meanMs)
    {
        if (operations == 0)
            return;
        var perOp = (double)profile.CommandCount / operations;
        var sqlMs = profile.CommandMs / operations;
        Console.WriteLine($"  SQL commands per operation: {perOp:0.0}; their execution time {sqlMs:0.00} ms of {meanMs:0.00} ms " +
                          $"({100 * sqlMs / meanMs:0}%) (EF Core's CommandExecuted duration; includes the round trip and reading the rows)");
        Console.WriteLine($"  EF Core query compilations (query cache misses) per operation: {profile.QueryCompilations / (double)operations:0.00}");
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
                          $"{r.Cpu.MachinePercent,5:0} {r.Cpu.DatabasePercent,4:0} {r.Cpu.OtherPercent,6:0} {r.ProcessCpuMsPerSave,12:0.00}");
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
