using System.Diagnostics;
using System.Globalization;

namespace SchoolMis.Benchmarks;

/// <summary>One fresh register: a group, a school day and a session nobody has saved yet.</summary>
internal sealed record RegisterKey(SeededGroup Group, DateOnly Date, int Session)
{
    public string SessionName => Session == 1 ? "AM" : "PM";
    public string DateText => Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// Hands out registers in the order a school takes them (every group for one session, then the next session), each
/// exactly once, so every save is a first save. A cycling source starts again when it runs out and says which pass it
/// is on (the raw baseline then writes under a new tenant id, so its registers stay fresh too).
/// </summary>
internal sealed class KeySource(IReadOnlyList<RegisterKey> keys, bool cycle = false)
{
    private long _next = -1;

    public static IReadOnlyList<RegisterKey> For(SeededSchool school) =>
        [.. from date in school.SchoolDays
            from session in new[] { 1, 2 }
            from g in school.Groups
            select new RegisterKey(g, date, session)];

    /// <summary>For operations that need no register.</summary>
    public static KeySource Unbounded() => new([null!], cycle: true);

    public int Total => keys.Count;
    public long Used => Math.Min(Interlocked.Read(ref _next) + 1, cycle ? long.MaxValue : keys.Count);

    public bool TryTake(out RegisterKey key, out int pass)
    {
        var i = Interlocked.Increment(ref _next);
        if (i >= keys.Count && !cycle)
        {
            key = null!;
            pass = 0;
            return false;
        }
        key = keys[(int)(i % keys.Count)];
        pass = (int)(i / keys.Count);
        return true;
    }

    public bool TryTake(out RegisterKey key) => TryTake(out key, out _);
}

internal sealed record LoadResult(string Kind, int Clients, int Saves, int Errors, double Seconds, double[] SortedMs,
    CpuUse Cpu, double ProcessCpuMsPerSave, string? FirstError, bool RanOutOfRegisters)
{
    public double SavesPerSecond => Saves / Seconds;
    public double P50 => Percentile(SortedMs, 0.50);
    public double P99 => Percentile(SortedMs, 0.99);
    public double Mean => SortedMs.Length == 0 ? double.NaN : SortedMs.Average();

    /// <summary>Other people's processes took more than a tenth of the machine during the run.</summary>
    public bool Disturbed => Cpu.OtherPercent > 10;

    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
            return double.NaN;
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1; // nearest rank
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}

/// <summary>Closed-loop load: N clients, each saving its next register as soon as the last one answered.</summary>
internal static class Load
{
    /// <summary>Waits (up to <paramref name="maxWait"/>) until other processes use under a tenth of the machine for a second.</summary>
    /// <summary>
    /// Times the app and the baseline in turn, options.StatisticsRuns times each, after waiting for a quiet machine. A
    /// set of runs in which other processes took more than 10% of the CPU is repeated (up to 3 attempts); the least
    /// disturbed set is kept.
    /// </summary>
    public static async Task<(List<double> App, List<double> Raw, CpuUse Use)> TimedPairsAsync(BenchOptions options, Func<Task<double>> app, Func<Task<double>> raw)
    {
        (List<double> App, List<double> Raw, CpuUse Use)? best = null;
        for (var attempt = 1; ; attempt++)
        {
            await WaitForQuietAsync(options.QuietWait);
            var appMs = new List<double>();
            var rawMs = new List<double>();
            var cpu = CpuSample.Take();
            for (var i = 0; i < options.StatisticsRuns; i++)
            {
                appMs.Add(await app());
                rawMs.Add(await raw());
            }
            var use = CpuSample.Take().Since(cpu);
            if (best is null || !(use.OtherPercent >= best.Value.Use.OtherPercent))
                best = (appMs, rawMs, use);
            if (!(use.OtherPercent > 10) || attempt == 3 || options.QuietWait <= TimeSpan.Zero)
                return best.Value;
            Console.WriteLine($"  (timed runs disturbed: other processes took {use.OtherPercent:0}% of the machine; repeating)");
        }
    }

    public static async Task WaitForQuietAsync(TimeSpan maxWait)
    {
        if (maxWait <= TimeSpan.Zero)
            return; // quick runs do not wait
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var said = false;
        while (true)
        {
            var start = CpuSample.Take();
            await Task.Delay(1000);
            var other = CpuSample.Take().Since(start).OtherPercent;
            if (!(other > 10) || waited.Elapsed > maxWait)
            {
                if (said)
                    Console.WriteLine($"  ... quiet after {waited.Elapsed.TotalSeconds:0} s (other processes {other:0}%)");
                return;
            }
            if (!said)
                Console.WriteLine($"  (other processes are using {other:0}% of the machine: waiting up to {maxWait.TotalSeconds:0} s for them to finish)");
            said = true;
        }
    }

    /// <summary>A measured run: on a quiet machine, repeated (up to twice more) when other processes disturbed it.</summary>
    public static async Task<LoadResult> MeasureAsync(string kind, int clients, TimeSpan duration, KeySource keys,
        Func<RegisterKey, int, Task<string?>> save, TimeSpan maxWait)
    {
        LoadResult? best = null;
        for (var attempt = 1; ; attempt++)
        {
            await WaitForQuietAsync(maxWait);
            var result = await RunAsync(kind, clients, duration, keys, save);
            if (best is null || !(result.Cpu.OtherPercent >= best.Cpu.OtherPercent))
                best = result;
            if (!result.Disturbed || attempt == 3 || maxWait <= TimeSpan.Zero)
                return best; // the least disturbed of the attempts
            Console.WriteLine($"  {"",7} ({kind} at {clients} clients disturbed: other processes took {result.Cpu.OtherPercent:0}% of the machine; repeating)");
        }
    }

    public static async Task<LoadResult> RunAsync(string kind, int clients, TimeSpan duration, KeySource keys,
        Func<RegisterKey, int, Task<string?>> save)
    {
        var latencies = new List<double>[clients];
        var errors = 0;
        string? firstError = null;
        var ranOut = false;
        var cpu = CpuSample.Take();
        var clock = Stopwatch.StartNew();
        var workers = new Task[clients];
        for (var c = 0; c < clients; c++)
        {
            var mine = latencies[c] = new List<double>(4096);
            workers[c] = Task.Run(async () =>
            {
                while (clock.Elapsed < duration)
                {
                    if (!keys.TryTake(out var key, out var pass))
                    {
                        ranOut = true;
                        return;
                    }
                    var started = Stopwatch.GetTimestamp();
                    string? error;
                    try
                    {
                        error = await save(key, pass);
                    }
                    catch (Exception ex)
                    {
                        error = $"{ex.GetType().Name}: {ex.Message}";
                    }
                    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (error is null)
                    {
                        mine.Add(ms);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, error, null);
                    }
                }
            });
        }
        await Task.WhenAll(workers);
        clock.Stop();
        var use = CpuSample.Take().Since(cpu);
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new LoadResult(kind, clients, all.Length, errors, clock.Elapsed.TotalSeconds, all, use,
            all.Length == 0 ? double.NaN : use.ProcessMs / all.Length, firstError, ranOut);
    }
}

/// <summary>
/// CPU use between two samples, from /proc: the whole machine, this process (app and load generator), the
/// PostgreSQL processes serving the benchmark's database (backends whose title names it, and the server's own
/// background processes), and everything else. "Everything else" is what other people's work on a shared machine
/// took: runs where it is high are disturbed.
/// </summary>
internal readonly record struct CpuSample(long Busy, long Total, long Self, long Database, TimeSpan Process)
{
    /// <summary>The PostgreSQL database name whose backends count as the benchmark's; null for SQLite.</summary>
    public static string? DatabaseName { get; set; }

    public static CpuSample Take()
    {
        var process = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        try
        {
            var line = File.ReadLines("/proc/stat").First();
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(long.Parse).ToArray();
            var idle = fields[3] + fields[4];
            var total = fields.Sum();
            return new CpuSample(total - idle, total, Ticks("/proc/self"), DatabaseTicks(), process);
        }
        catch (IOException)
        {
            return new CpuSample(0, 0, 0, 0, process);
        }
    }

    private static long Ticks(string proc)
    {
        try
        {
            var stat = File.ReadAllText(proc + "/stat");
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture); // utime + stime
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }

    private static long DatabaseTicks()
    {
        if (DatabaseName is not { } name)
            return 0;
        long sum = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!char.IsAsciiDigit(Path.GetFileName(dir)[0]))
                continue;
            try
            {
                var title = File.ReadAllText(dir + "/cmdline").Replace('\0', ' ');
                if (!title.StartsWith("postgres:", StringComparison.Ordinal))
                    continue;
                // Our backends name our database; the server's own processes (walwriter, checkpointer, ...) serve everyone.
                var backend = title.Contains("127.0.0.1(", StringComparison.Ordinal) || title.Contains("[local]", StringComparison.Ordinal);
                if (!backend || title.Contains(name, StringComparison.Ordinal))
                    sum += Ticks(dir);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // the process ended while we looked
            }
        }
        return sum;
    }

    /// <summary>Percent of all cores busy (100 = every core), this process's CPU milliseconds, and the database's and
    /// everything else's share of all cores in percent.</summary>
    public CpuUse Since(CpuSample start)
    {
        var total = (double)(Total - start.Total);
        if (total <= 0)
            return new CpuUse(double.NaN, (Process - start.Process).TotalMilliseconds, double.NaN, double.NaN);
        var busy = Busy - start.Busy;
        var self = Self - start.Self;
        var database = Math.Max(0, Database - start.Database);
        return new CpuUse(100 * busy / total, (Process - start.Process).TotalMilliseconds, 100 * database / total,
            Math.Max(0, 100 * (busy - self - database) / total));
    }
}

internal readonly record struct CpuUse(double MachinePercent, double ProcessMs, double DatabasePercent, double OtherPercent);
