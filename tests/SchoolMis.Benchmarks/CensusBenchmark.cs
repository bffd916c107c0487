using System.Diagnostics;
using System.Globalization;
using System.Xml;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using SchoolMis.Census.Domain;
using SchoolMis.Census.Returns;
using SchoolMis.Exclusions.Features.RecordExclusion;
using SchoolMis.Meals.Features.Fsm;
using SchoolMis.Platform.Security;
using SchoolMis.Platform.Tenancy;
using SchoolMis.Sen.Domain;
using SchoolMis.Sen.Features.PupilSen;

namespace SchoolMis.Benchmarks;

internal sealed record CensusBenchResult(string Provider, int Pupils, long Marks, long Bytes, double[] AppMs, double[] RawMs, CpuUse Cpu)
{
    public double AppMedian => StatisticsResult.Median(AppMs);
    public double RawMedian => StatisticsResult.Median(RawMs);
}

/// <summary>
/// Benchmark 4: the autumn School Census return of a 2,000-pupil school with a full year of attendance (its two
/// summer-term windows read out of a year of marks), some FSM, SEN and exclusions, downloaded through the API as the
/// LA's or school's client would (GET /api/v1/schools/{school}/census/2026/AUT: gather, validate, record, stream),
/// beside the same database work by hand (the pupils and the marks grouped by pupil and code for each window).
/// </summary>
internal static class CensusBenchmark
{
    public static readonly CensusCollection Collection = new(2026, CensusTerm.Autumn);
    public const double TargetMs = 2000;

    /// <summary>A census school: the statistics benchmark's year of marks, plus FSM, SEN and exclusions through the use cases.</summary>
    public static async Task<(SeededSchool School, long Marks)> SeedAsync(BenchApp app, BenchDatabase db, HttpClient platform, int pupils, string name,
        string laCode = "801", bool quiet = false)
    {
        var school = await BenchSchool.SeedAsync(app, platform, name, Math.Max(1, pupils / 25), pupils, [2025], laCode: laCode);
        var days = school.SchoolDays.Where(d => d >= StatisticsBenchmark.From && d <= StatisticsBenchmark.To).ToList();
        var clock = Stopwatch.StartNew();
        var marks = await db.BulkLoadAsync(StatisticsBenchmark.Marks(school, days));
        if (!quiet)
            Console.WriteLine($"  bulk load ({db.BulkMethod}): {marks:N0} marks over {days.Count} school days in {clock.Elapsed.TotalSeconds:0.0} s");

        var all = school.Groups.SelectMany(g => g.Pupils).ToList();
        await app.Services.GetRequiredService<TenantScopeFactory>().RunAsync(school.Id, async (sp, ct) =>
        {
            var sender = sp.GetRequiredService<ISender>();
            for (var i = 0; i < all.Count; i += 5)
                await sender.Send(new RecordFsmPeriodCommand(all[i], new DateOnly(2025, 9, 1).AddDays(i % 200), null, "ENG"), ct);
            for (var i = 3; i < all.Count; i += 8)
            {
                var plan = i % 40 == 3;
                await sender.Send(new SaveSenPeriodCommand(all[i], null, plan ? "E" : "K", new DateOnly(2025, 9, 8), null,
                    [new NeedInput(i % 3 == 0 ? "SEMH" : "SLCN", 1)], PlanIssueDate: plan ? new DateOnly(2025, 9, 1) : null), ct);
            }
            // Exclusions in the spring term 2026: the autumn return's exclusion window.
            for (var i = 7; i < all.Count; i += 50)
                await sender.Send(new RecordExclusionCommand(null, all[i], "SUSP", new DateOnly(2026, 2, 10), new DateOnly(2026, 2, 11),
                    ["DB"], null, null, null, false), ct);
        });
        return (school, marks);
    }

    public static async Task<CensusBenchResult> RunAsync(BenchApp app, BenchDatabase db, HttpClient platform, BenchOptions options, EfProbe probe)
    {
        var clock = Stopwatch.StartNew();
        var (school, marks) = await SeedAsync(app, db, platform, options.StatisticsPupils, "Benchmark Census School");
        if (await db.AfterBulkLoadAsync() is { } after)
            Console.WriteLine($"  then {after}");
        Console.WriteLine($"  seeded {school.PupilCount:N0} pupils, {marks:N0} marks, FSM for 1 in 5, SEN for 1 in 8, exclusions for 1 in 50 in {clock.Elapsed.TotalSeconds:0.0} s");

        var (clientId, secret) = await BenchApp.RegisterClientAsync(platform, [school.Slug], Scopes.Census);
        using var api = app.NewClient(await app.TokenAsync(clientId, secret, Scopes.Census));
        var url = $"/api/v1/schools/{school.Slug}/census/{Collection.Year}/{Collection.TermCode}";
        var windows = new List<(DateOnly, DateOnly)> { (Collection.AttendanceWindow.From, Collection.AttendanceWindow.To) };
        if (Collection.SummerHalfTerm2Window is { } w2)
            windows.Add((w2.From, w2.To));

        async Task<(double Ms, byte[] Body)> AppOnceAsync()
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await api.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"census: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
            return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, body);
        }
        async Task<(double Ms, int Pupils, int Groups)> RawOnceAsync()
        {
            var started = Stopwatch.GetTimestamp();
            var (pupils, groups) = await db.RawCensusAsync(school.Id, Collection.CensusDay, Collection.EarliestActivity, windows);
            return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, pupils, groups);
        }

        var (firstApp, body) = await AppOnceAsync();
        var (firstRaw, rawPupils, rawGroups) = await RawOnceAsync();
        Console.WriteLine($"  first (cold) run: app {firstApp:0} ms, raw {firstRaw:0} ms");
        var (onRoll, attendance, schemaErrors) = Inspect(body);
        Console.WriteLine($"  check: return of {body.Length / 1024.0:N0} KiB, {onRoll:N0} pupils on roll, {attendance:N0} with termly attendance, " +
                          $"{schemaErrors} XSD errors; raw read {rawPupils:N0} pupils and {rawGroups:N0} grouped mark rows" +
                          (onRoll == school.PupilCount && schemaErrors == 0 ? " (agrees)" : " (MISMATCH)"));

        var (appMs, rawMs, use) = await Load.TimedPairsAsync(options, async () => (await AppOnceAsync()).Ms, async () => (await RawOnceAsync()).Ms);
        var result = new CensusBenchResult(db.Name, school.PupilCount, marks, body.Length, [.. appMs], [.. rawMs], use);
        Console.WriteLine($"  app   GET census XML (gather, validate, record, stream): median {result.AppMedian,6:0} ms  (runs: {Runs(appMs)})");
        Console.WriteLine($"  raw   pupils + marks by pupil and code, by hand:       median {result.RawMedian,6:0} ms  (runs: {Runs(rawMs)})");
        Console.WriteLine($"  CPU during the timed runs: machine {use.MachinePercent:0}%, database {use.DatabasePercent:0}%, other processes {use.OtherPercent:0}%" +
                          (use.OtherPercent > 10 ? " (DISTURBED by other work on the machine)" : ""));
        Console.WriteLine($"  ratio app/baseline: {result.AppMedian / result.RawMedian:0.00}x; target <= {TargetMs:0} ms: " +
                          (result.AppMedian <= TargetMs ? "met" : $"MISSED by {result.AppMedian - TargetMs:0} ms"));

        probe.Start();
        var (profiledMs, _) = await AppOnceAsync();
        var profile = probe.Stop();
        Console.WriteLine($"  profile of one more app run ({profiledMs:0} ms):");
        RegisterSaveBenchmark.PrintProfile(profile, 1, profiledMs);
        return result;
    }

    /// <summary>Pupils on roll, pupils with termly attendance, and XSD errors of a return.</summary>
    internal static (int OnRoll, int Attendance, int SchemaErrors) Inspect(byte[] xml)
    {
        var errors = 0;
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = CensusWriter.Schema() };
        settings.ValidationEventHandler += (_, _) => errors++;
        int onRoll = 0, attendance = 0;
        using var reader = XmlReader.Create(new MemoryStream(xml), settings);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
                continue;
            if (reader.LocalName == "PupilOnRoll")
                onRoll++;
            else if (reader.LocalName == "TermlyAttendance")
                attendance++;
        }
        return (onRoll, attendance, errors);
    }

    internal static string Runs(IEnumerable<double> ms) => string.Join(", ", ms.Select(m => m.ToString("0", CultureInfo.InvariantCulture)));
}
