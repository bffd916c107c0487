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
/// exactly once, so every save is a first save.
/// </summary>
internal sealed class KeySource(IReadOnlyList<RegisterKey> keys)
{
    private int _next = -1;

    public static IReadOnlyList<RegisterKey> For(SeededSchool school) =>
        [.. from date in school.SchoolDays
            from session in new[] { 1, 2 }
            from g in school.Groups
            select new RegisterKey(g, date, session)];

    public int Total => keys.Count;
    public int Used => Math.Min(Volatile.Read(ref _next) + 1, keys.Count);

    public bool TryTake(out RegisterKey key)
    {
        var i = Interlocked.Increment(ref _next);
        if (i >= keys.Count)
        {
            key = null!;
            return false;
        }
        key = keys[i];
        return true;
    }
}

internal sealed record LoadResult(string Kind, int Clients, int Saves, int Errors, double Seconds, double[] SortedMs,
    double MachineCpuPercent, double ProcessCpuMsPerSave, string? FirstError, bool RanOutOfRegisters)
{
    public double SavesPerSecond => Saves / Seconds;
    public double P50 => Percentile(SortedMs, 0.50);
    public double P99 => Percentile(SortedMs, 0.99);
    public double Mean => SortedMs.Length == 0 ? double.NaN : SortedMs.Average();

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
    public static async Task<LoadResult> RunAsync(string kind, int clients, TimeSpan duration, KeySource keys,
        Func<RegisterKey, Task<string?>> save)
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
                    if (!keys.TryTake(out var key))
                    {
                        ranOut = true;
                        return;
                    }
                    var started = Stopwatch.GetTimestamp();
                    string? error;
                    try
                    {
                        error = await save(key);
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
        var (machine, processMs) = CpuSample.Take().Since(cpu);
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new LoadResult(kind, clients, all.Length, errors, clock.Elapsed.TotalSeconds, all, machine,
            all.Length == 0 ? double.NaN : processMs / all.Length, firstError, ranOut);
    }
}

/// <summary>Machine-wide CPU use (from /proc/stat) and this process's CPU time, between two samples.</summary>
internal readonly record struct CpuSample(long Busy, long Total, TimeSpan Process)
{
    public static CpuSample Take()
    {
        var process = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        try
        {
            var line = File.ReadLines("/proc/stat").First();
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(long.Parse).ToArray();
            var idle = fields[3] + fields[4];
            var total = fields.Sum();
            return new CpuSample(total - idle, total, process);
        }
        catch (IOException)
        {
            return new CpuSample(0, 0, process);
        }
    }

    /// <summary>Percent of all cores busy (100 = every core), and CPU milliseconds this process used.</summary>
    public (double MachinePercent, double ProcessMs) Since(CpuSample start)
    {
        var total = Total - start.Total;
        return (total <= 0 ? double.NaN : 100.0 * (Busy - start.Busy) / total, (Process - start.Process).TotalMilliseconds);
    }
}
