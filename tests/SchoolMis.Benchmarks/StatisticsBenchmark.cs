using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using SchoolMis.Attendance.Features.Statistics;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Benchmarks;

internal sealed record StatisticsResult(string Provider, int Pupils, int Sessions, long Marks, double LoadSeconds, double[] AppMs, double[] RawMs,
    CpuUse Cpu)
{
    public bool Disturbed => Cpu.OtherPercent > 10;

    public double AppMedian => Median(AppMs);
    public double RawMedian => Median(RawMs);

    public static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>
/// Benchmark 2: a school's attendance statistics over a full year. The marks are bulk-loaded with raw ADO.NET, then the
/// app's GetAttendanceStatisticsQuery runs through Mediator inside a tenant scope (as a request or background job does),
/// beside the same GROUP BY written by hand.
/// </summary>
internal static class StatisticsBenchmark
{
    public static readonly DateOnly From = new(2025, 9, 1);
    public static readonly DateOnly To = new(2026, 8, 31);

    public static async Task<StatisticsResult> RunAsync(BenchApp app, BenchDatabase db, SeededSchool school, BenchOptions options, EfProbe probe)
    {
        var days = school.SchoolDays.Where(d => d >= From && d <= To).Take(190).ToList();
        var sessions = days.Count * 2;
        Console.WriteLine($"  {school.PupilCount:N0} pupils in {school.Groups.Count} groups, {days.Count} school days ({sessions} sessions), {From:yyyy-MM-dd} to {days[^1]:yyyy-MM-dd}");

        var clock = Stopwatch.StartNew();
        var marks = await db.BulkLoadAsync(Marks(school, days));
        var loadSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  bulk load ({db.BulkMethod}): {marks:N0} marks in {loadSeconds:0.0} s ({marks / loadSeconds:N0} rows/s)");
        clock.Restart();
        if (await db.AfterBulkLoadAsync() is { } after)
            Console.WriteLine($"  then {after}: {clock.Elapsed.TotalSeconds:0.0} s");

        var scopes = app.Services.GetRequiredService<TenantScopeFactory>();
        async Task<(double Ms, AttendanceStatistics Stats)> AppOnceAsync()
        {
            var started = Stopwatch.GetTimestamp();
            var stats = await scopes.RunAsync(school.Id, (sp, ct) =>
                sp.GetRequiredService<ISender>().Send(new GetAttendanceStatisticsQuery(From, To), ct).AsTask());
            return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, stats);
        }
        async Task<(double Ms, int Rows, long Marks)> RawOnceAsync()
        {
            var started = Stopwatch.GetTimestamp();
            var (rows, counted) = await db.RawStatisticsAsync(school.Id, From, To);
            return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, rows, counted);
        }

        // Warm: the first run of each compiles queries and fills caches; it is shown but not counted.
        var (firstApp, check) = await AppOnceAsync();
        var (firstRaw, rawRows, rawMarks) = await RawOnceAsync();
        var counted = check.Total.Possible + check.Total.NotCounted;
        Console.WriteLine($"  first (cold) run: app {firstApp:0} ms, raw {firstRaw:0} ms");
        Console.WriteLine($"  check: app {check.Pupils.Count:N0} pupils, {counted:N0} marks counted, attendance {check.Total.AttendancePercent}%, " +
                          $"{check.PersistentlyAbsent} persistently absent; raw {rawRows:N0} rows, {rawMarks:N0} marks" +
                          (counted == marks && rawMarks == marks && check.Pupils.Count == school.PupilCount ? " (all agree)" : " (MISMATCH)"));

        var (appMs, rawMs, use) = await Load.TimedPairsAsync(options, async () => (await AppOnceAsync()).Ms, async () => (await RawOnceAsync()).Ms);
        var result = new StatisticsResult(db.Name, school.PupilCount, sessions, marks, loadSeconds, [.. appMs], [.. rawMs], use);
        Console.WriteLine($"  app   GetAttendanceStatisticsQuery: median {result.AppMedian,7:0} ms  (runs: {string.Join(", ", appMs.Select(m => m.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))})");
        Console.WriteLine($"  raw   SQL GROUP BY baseline:        median {result.RawMedian,7:0} ms  (runs: {string.Join(", ", rawMs.Select(m => m.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))})");
        Console.WriteLine($"  CPU during the timed runs: machine {use.MachinePercent:0}%, database {use.DatabasePercent:0}%, other processes {use.OtherPercent:0}%" +
                          (result.Disturbed ? " (DISTURBED by other work on the machine)" : ""));
        Console.WriteLine($"  ratio app/baseline: {result.AppMedian / result.RawMedian:0.00}x; target <= 1000 ms: {(result.AppMedian <= 1000 ? "met" : $"MISSED by {result.AppMedian - 1000:0} ms")}");

        probe.Start();
        var (profiledMs, _) = await AppOnceAsync();
        var profile = probe.Stop();
        Console.WriteLine($"  profile of one more app run ({profiledMs:0} ms):");
        RegisterSaveBenchmark.PrintProfile(profile, 1, profiledMs);
        return result;
    }

    /// <summary>
    /// A plausible year: mostly present, some illness, medical, unauthorised, holiday, late, trips and not-counted
    /// sessions; the category always matches the code, as the app records it.
    /// </summary>
    internal static IEnumerable<MarkRow> Marks(SeededSchool school, IReadOnlyList<DateOnly> days)
    {
        var random = new Random(2025);
        var at = DateTimeOffset.UtcNow;
        foreach (var day in days)
        {
            foreach (var session in new[] { 1, 2 })
            {
                foreach (var group in school.Groups)
                {
                    foreach (var pupil in group.Pupils)
                    {
                        var roll = random.Next(1000);
                        var (code, category, late) = roll switch
                        {
                            < 40 => ("I", 3, (int?)null),
                            < 50 => ("M", 3, null),
                            < 75 => ("O", 4, null),
                            < 85 => ("G", 4, null),
                            < 100 => ("L", 1, 5 + roll % 10),
                            < 115 => ("V", 2, null),
                            < 120 => ("Y1", 5, null),
                            _ => (session == 1 ? "/" : "\\", 1, null),
                        };
                        yield return new MarkRow(Guid.CreateVersion7(), school.Id, pupil, day, session, code, category, late, group.Id, at, "Bulk load");
                    }
                }
            }
        }
    }
}
