using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using SchoolMis.Platform.Security;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Benchmarks;

internal sealed record BenchOptions(IReadOnlyList<string> Providers, bool Quick, IReadOnlyList<int> Clients, TimeSpan Phase, TimeSpan Warmup,
    TimeSpan ProfileDuration, int HttpGroups, int PupilsPerGroup, int StatisticsPupils, int StatisticsRuns, TimeSpan QuietWait,
    string? AppConnectionOptions = null, IReadOnlyList<string>? Scenarios = null, int ImportPupils = 2000, int LaSchools = 50)
{
    public static readonly string[] AllScenarios = ["registers", "statistics", "imports", "census", "la"];

    /// <summary>What runs without --only: the LA zip is minutes of seeding for one figure, so it runs when asked for.</summary>
    public static readonly string[] DefaultScenarios = ["registers", "statistics", "imports", "census"];

    public bool Runs(string scenario) => (Scenarios ?? DefaultScenarios).Contains(scenario);

    public const string Usage =
        "dotnet run -c Release --project tests/SchoolMis.Benchmarks -- [--providers sqlite,postgres] [--only registers,statistics,imports,census,la] [--quick]\n" +
        "  [--clients 16,32,64] [--seconds 8] [--import-pupils 2000] [--la-schools 50]\n" +
        "  [--app-connection-options \"Max Auto Prepare=20;No Reset On Close=true\"]  (appended to the app's connection string only: a configuration experiment)";

    public static BenchOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var providers = (Value("--providers") ?? "sqlite,postgres").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.ToLowerInvariant() switch
            {
                "sqlite" => "sqlite",
                "postgres" or "postgresql" or "pg" => "postgres",
                _ => throw new ArgumentException($"Unknown provider '{p}'. {Usage}"),
            }).Distinct().ToList();
        var clients = Value("--clients") is { } c
            ? c.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToList()
            : quick ? [16] : [16, 32, 64];
        var scenarios = Value("--only") is { } only
            ? only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(x => x.ToLowerInvariant())
                .Select(x => AllScenarios.Contains(x) ? x : throw new ArgumentException($"Unknown scenario '{x}'. {Usage}")).ToList()
            : null;
        var seconds = Value("--seconds") is { } s ? double.Parse(s, CultureInfo.InvariantCulture) : quick ? 2 : 8;
        return new BenchOptions(providers, quick, clients, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(quick ? 1 : 5),
            TimeSpan.FromSeconds(quick ? 1 : 3), HttpGroups: quick ? 20 : 100, PupilsPerGroup: 30, StatisticsPupils: quick ? 200 : 2000,
            StatisticsRuns: quick ? 5 : 7, QuietWait: TimeSpan.FromSeconds(quick ? 0 : 120), AppConnectionOptions: Value("--app-connection-options"),
            Scenarios: scenarios, ImportPupils: Value("--import-pupils") is { } ip ? int.Parse(ip, CultureInfo.InvariantCulture) : quick ? 200 : 2000,
            LaSchools: Value("--la-schools") is { } la ? int.Parse(la, CultureInfo.InvariantCulture) : quick ? 3 : 50);
    }
}

public static class BenchmarkMain
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }
        var options = BenchOptions.Parse(args);
        // WebApplicationFactory finds the app's content root through MvcTestingAppManifest.json in the working
        // directory; `dotnet run --project` starts us elsewhere.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        PrintHeader(options, args);

        using var probe = EfProbe.Attach();
        var registers = new List<RegisterBenchResult>();
        var statistics = new List<StatisticsResult>();
        var imports = new List<ImportBenchResult>();
        var census = new List<CensusBenchResult>();
        var las = new List<LaCensusBenchResult>();
        var failed = false;
        foreach (var provider in options.Providers)
        {
            BenchDatabase db = provider == "sqlite" ? new SqliteDatabase() : new PostgresDatabase();
            try
            {
                var (r, s, i) = await RunProviderAsync(db, options, probe, census, las);
                if (r is not null)
                    registers.Add(r);
                if (s is not null)
                    statistics.Add(s);
                if (i is not null)
                    imports.Add(i);
            }
            catch (Exception ex)
            {
                failed = true;
                Console.WriteLine($"!! {db.Name} benchmark failed: {ex}");
            }
            finally
            {
                try
                {
                    await db.DisposeAsync();
                }
                catch (Exception ex)
                {
                    failed = true;
                    Console.WriteLine($"!! could not remove the {db.Name} benchmark database: {ex.Message}");
                }
            }
        }
        PrintSummary(options, registers, statistics, imports, census, las);
        return failed ? 1 : 0;
    }

    private static async Task<(RegisterBenchResult?, StatisticsResult?, ImportBenchResult?)> RunProviderAsync(BenchDatabase db, BenchOptions options, EfProbe probe,
        List<CensusBenchResult> census, List<LaCensusBenchResult> las)
    {
        Console.WriteLine();
        Console.WriteLine($"==================== {db.Name} ====================");
        var clock = Stopwatch.StartNew();
        CpuSample.DatabaseName = db.ServerDatabaseName;
        await db.CreateAsync();
        var appConnection = options.AppConnectionOptions is { Length: > 0 } extra ? $"{db.ConnectionString};{extra}" : db.ConnectionString;
        if (appConnection != db.ConnectionString)
            Console.WriteLine($"  the app's connection string has these options added (an experiment): {options.AppConnectionOptions}");
        await using var app = new BenchApp(db.AppProvider, appConnection);
        _ = app.BaseAddress; // start: migrate, roles, bootstrap client
        Console.WriteLine($"  {await db.DescribeAsync()}");
        Console.WriteLine($"  app started and migrated in {clock.Elapsed.TotalSeconds:0.0} s at {app.BaseAddress}");

        using var platform = await app.PlatformAsync();
        ImportBenchResult? imports = null;
        if (options.Runs("imports"))
        {
            app.Log.Reset(); // start-up logs EF's probe of the migrations table in a new database as an error; count from here
            Console.WriteLine();
            Console.WriteLine($"--- {db.Name}: migrating a whole school through the import API (NDJSON, client-credentials token) ---");
            imports = await ImportBenchmark.RunAsync(app, db, platform, options);
        }
        if (options.Runs("census"))
        {
            app.Log.Reset();
            Console.WriteLine();
            Console.WriteLine($"--- {db.Name}: the {CensusBenchmark.Collection.Name} return of a {options.StatisticsPupils:N0}-pupil school with a year of marks ---");
            census.Add(await CensusBenchmark.RunAsync(app, db, platform, options, probe));
        }
        if (options.Runs("la"))
        {
            app.Log.Reset();
            Console.WriteLine();
            Console.WriteLine($"--- {db.Name}: an LA's zip of the {CensusBenchmark.Collection.Name} for {options.LaSchools} schools of {options.StatisticsPupils:N0} pupils ---");
            las.Add(await LaCensusBenchmark.RunAsync(app, db, platform, options));
        }
        if (!options.Runs("registers") && !options.Runs("statistics"))
        {
            PrintServerLog(app);
            return (null, null, imports);
        }

        clock.Restart();
        var httpSchool = await BenchSchool.SeedAsync(app, platform, "Benchmark Register School", options.HttpGroups,
            options.HttpGroups * options.PupilsPerGroup, [2024, 2025]);
        var statsSchool = await BenchSchool.SeedAsync(app, platform, "Benchmark Statistics School", Math.Max(1, options.StatisticsPupils / 25),
            options.StatisticsPupils, [2025]);
        var (clientId, secret) = await BenchApp.RegisterClientAsync(platform, [httpSchool.Slug], Scopes.Import, Scopes.Read);
        using var api = app.NewClient(await app.TokenAsync(clientId, secret, Scopes.Import));
        using var reader = app.NewClient(await app.TokenAsync(clientId, secret, Scopes.Read));
        app.Log.Reset(); // start-up logs EF's probe of the migrations table in a new database as an error; count from here
        Console.WriteLine($"  seeded 2 schools ({httpSchool.PupilCount:N0} + {statsSchool.PupilCount:N0} pupils) through the use cases in {clock.Elapsed.TotalSeconds:0.0} s; " +
                          $"API client with scope {Scopes.Import}");

        RegisterBenchResult? registers = null;
        if (options.Runs("registers"))
        {
        Console.WriteLine();
        Console.WriteLine($"--- {db.Name}: register saves, PUT /api/v1/schools/{{school}}/registers/{{group}}/{{date}}/{{session}} with 30 marks, " +
                          $"{options.Phase.TotalSeconds:0} s per run ---");
        registers = await RegisterSaveBenchmark.RunAsync(db, httpSchool, api, reader,
            app.Services.GetRequiredService<TenantScopeFactory>(), options, probe);
        }

        StatisticsResult? statistics = null;
        if (options.Runs("statistics"))
        {
            Console.WriteLine();
            Console.WriteLine($"--- {db.Name}: statistics for the whole school over a year (GetAttendanceStatisticsQuery) ---");
            statistics = await StatisticsBenchmark.RunAsync(app, db, statsSchool, options, probe);
        }

        PrintServerLog(app);
        return (registers, statistics, imports);
    }

    private static void PrintServerLog(BenchApp app)
    {
        Console.WriteLine();
        Console.WriteLine($"  server log during the measurements: {app.Log.Warnings} warnings, {app.Log.Errors} errors");
        foreach (var message in app.Log.FirstMessages)
            Console.WriteLine($"    {message}");
    }

    private static void PrintHeader(BenchOptions options, string[] args)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        var optimized = Assembly.GetExecutingAssembly().GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
        Console.WriteLine("SchoolMis benchmarks");
        Console.WriteLine($"  date      {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"  machine   {Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}), {memory:0} GiB, {RuntimeInformation.OSDescription}");
        Console.WriteLine($"  runtime   .NET {Environment.Version}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, build {(optimized ? "Release (optimised)" : "DEBUG: figures are not meaningful")}");
        var version = typeof(global::Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
        Console.WriteLine($"  app       SchoolMis.Web {version} (the part after + is the source commit, when the build knew it)");
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ').Take(3) : [];
        Console.WriteLine($"  load avg  {string.Join(' ', load)} at start");
        Console.WriteLine($"  arguments {(args.Length == 0 ? "(none)" : string.Join(' ', args))}{(options.Quick ? "  [quick: a smoke check, not the figures to quote]" : "")}");
        Console.WriteLine("  The app, the load generator and the database share this machine's cores; the app is hosted in this process on Kestrel (loopback).");
    }

    private static void PrintSummary(BenchOptions options, List<RegisterBenchResult> registers, List<StatisticsResult> statistics,
        List<ImportBenchResult> imports, List<CensusBenchResult> census, List<LaCensusBenchResult> las)
    {
        Console.WriteLine();
        Console.WriteLine("==================== Summary ====================");
        if (census.Count > 0)
        {
            Console.WriteLine($"  {"provider",-10} {"census",-18} {"pupils",6} {"marks",9} {"app median ms",13} {"raw median ms",13} {"app/raw",7} {"target <= 2 s",13}");
            foreach (var c in census)
            {
                Console.WriteLine($"  {c.Provider,-10} {CensusBenchmark.Collection.Name,-18} {c.Pupils,6} {c.Marks,9} {c.AppMedian,13:0} {c.RawMedian,13:0} " +
                                  $"{c.AppMedian / c.RawMedian,6:0.00}x {(c.AppMedian <= CensusBenchmark.TargetMs ? "met" : "MISSED"),13}" +
                                  (c.Cpu.OtherPercent > 10 ? " DISTURBED" : ""));
            }
            Console.WriteLine();
        }
        foreach (var l in las)
        {
            Console.WriteLine($"  {l.Provider,-10} LA zip of {l.Schools} returns ({l.PupilsPerSchool:N0} pupils each, {l.Marks:N0} marks): {l.AppSeconds:0.0} s " +
                              $"({l.AppSeconds * 1000 / l.Schools:0} ms a school; by hand {l.RawSeconds:0.0} s, {l.AppSeconds / l.RawSeconds:0.00}x; seeding took {l.SeedSeconds:0} s)" +
                              (l.Cpu.OtherPercent > 10 ? " DISTURBED" : ""));
            Console.WriteLine();
        }
        if (imports.Count > 0)
        {
            Console.WriteLine($"  {"provider",-10} {"dataset",-20} {"rows",10} {"app s",7} {"app rows/s",10} {"raw s",7} {"raw rows/s",10} {"app/raw time",12}");
            foreach (var r in imports)
            {
                foreach (var d in r.Datasets)
                {
                    Console.WriteLine($"  {r.Provider,-10} {d.Dataset,-20} {d.Rows,10:N0} {d.AppSeconds,7:0.00} {d.AppRate,10:N0} {d.BaselineSeconds,7:0.00} " +
                                      $"{d.BaselineRate,10:N0} {d.TimeRatio,11:0.0}x");
                }
                if (r.Reimport is { } again)
                    Console.WriteLine($"  {r.Provider,-10} {"(marks, unchanged)",-20} {again.Rows,10:N0} {again.AppSeconds,7:0.00} {again.AppRate,10:N0}");
                Console.WriteLine($"  {r.Provider,-10} {"whole school",-20} {r.Datasets.Sum(d => d.Rows),10:N0} {r.AppTotalSeconds,7:0.0} " +
                                  $"{r.Datasets.Sum(d => d.Rows) / r.AppTotalSeconds,10:N0} {r.BaselineTotalSeconds,7:0.0} " +
                                  $"{r.Datasets.Sum(d => d.Rows) / r.BaselineTotalSeconds,10:N0} {r.AppTotalSeconds / r.BaselineTotalSeconds,11:0.0}x");
            }
            foreach (var r in imports.Where(r => r.Provider == "SQLite"))
            {
                Console.WriteLine($"  Target (the whole school, {r.Pupils:N0} pupils and {r.Marks:N0} marks, in <= 60 s on SQLite): " +
                                  (r.AppTotalSeconds <= 60 ? $"met ({r.AppTotalSeconds:0.0} s)" : $"MISSED ({r.AppTotalSeconds:0.0} s)") +
                                  (r.Pupils < 2000 ? " [not the full school]" : ""));
            }
            if (imports.Any(r => r.Disturbed))
                Console.WriteLine("  DISTURBED: other processes took more than 10% of the machine's CPU during an import. Re-run on a quiet machine.");
            Console.WriteLine();
        }
        if (registers.Count == 0 && statistics.Count == 0)
            return;
        Console.WriteLine($"  {"provider",-10} {"clients",7} {"app saves/s",11} {"p50 ms",7} {"p99 ms",7} {"errors",6} {"baseline/s",10} {"bl p50",7} {"bl p99",7} {"app/baseline",12}");
        foreach (var r in registers)
        {
            foreach (var l in r.Levels)
            {
                Console.WriteLine($"  {r.Provider,-10} {l.App.Clients,7} {l.App.SavesPerSecond,11:0.0} {l.App.P50,7:0.0} {l.App.P99,7:0.0} {l.App.Errors,6} " +
                                  $"{l.Baseline.SavesPerSecond,10:0.0} {l.Baseline.P50,7:0.0} {l.Baseline.P99,7:0.0} {l.ThroughputRatio,11:0.00}x");
            }
        }
        foreach (var r in registers.Where(r => r.Provider == "PostgreSQL"))
        {
            var best = r.Levels.MaxBy(l => l.App.SavesPerSecond)!;
            var meeting = r.Levels.Where(l => l.App.SavesPerSecond >= 300 && l.App.P99 <= 100 && l.App.Errors == 0).ToList();
            Console.WriteLine(meeting.Count > 0
                ? $"  Target (PostgreSQL >= 300 saves/s with p99 <= 100 ms): met at {string.Join(", ", meeting.Select(l => $"{l.App.Clients} clients"))}"
                : $"  Target (PostgreSQL >= 300 saves/s with p99 <= 100 ms): MISSED. Best throughput {best.App.SavesPerSecond:0} saves/s " +
                  (best.App.SavesPerSecond < 300 ? $"({100 * (1 - best.App.SavesPerSecond / 300):0}% short) " : "") +
                  $"at {best.App.Clients} clients, p99 {best.App.P99:0} ms; lowest p99 {r.Levels.Min(l => l.App.P99):0} ms");
        }
        Console.WriteLine();
        Console.WriteLine($"  {"provider",-10} {"pupils",6} {"sessions",8} {"marks",9} {"app median ms",13} {"raw median ms",13} {"app/raw",7} {"target <= 1 s",13}");
        foreach (var s in statistics)
        {
            Console.WriteLine($"  {s.Provider,-10} {s.Pupils,6} {s.Sessions,8} {s.Marks,9} {s.AppMedian,13:0} {s.RawMedian,13:0} {s.AppMedian / s.RawMedian,6:0.00}x " +
                              $"{(s.AppMedian <= 1000 ? "met" : "MISSED"),13}");
        }
        var disturbed = registers.SelectMany(r => r.Levels.SelectMany(l => new[] { l.App, l.Baseline }).Where(x => x.Disturbed)
                .Select(x => $"{r.Provider} {x.Kind} at {x.Clients} clients ({x.Cpu.OtherPercent:0}%)"))
            .Concat(statistics.Where(s => s.Disturbed).Select(s => $"{s.Provider} statistics ({s.Cpu.OtherPercent:0}%)")).ToList();
        Console.WriteLine(disturbed.Count == 0
            ? "  Other processes on the machine took at most 10% of its CPU in every measured run."
            : $"  DISTURBED: other processes took more than 10% of the machine's CPU during: {string.Join("; ", disturbed)}. Re-run on a quiet machine.");
        if (options.Quick)
            Console.WriteLine("  (quick run: smaller school and shorter runs; use the full run for the figures)");
    }
}
