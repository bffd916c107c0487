using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SchoolMis.Benchmarks;

/// <summary>
/// A profile of the SQL the app sends, from EF Core's DiagnosticListener (no product code changes): how many
/// commands and connection opens each context makes, and how long the commands take. Off unless a profile is running,
/// so it costs nothing during the measured runs.
/// </summary>
internal sealed partial class EfProbe : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly string CommandExecuted = RelationalEventId.CommandExecuted.Name!;
    private static readonly string ConnectionOpened = RelationalEventId.ConnectionOpened.Name!;
    private static readonly string QueryCompiling = CoreEventId.QueryCompilationStarting.Name!;

    private readonly List<IDisposable> _subscriptions = [];
    private readonly ConcurrentDictionary<(string Context, string Sql), Stat> _commands = new();
    private readonly ConcurrentDictionary<string, int> _opens = new();
    private int _compilations;
    private IDisposable? _all;
    private volatile bool _active;

    public static EfProbe Attach()
    {
        var probe = new EfProbe();
        probe._all = DiagnosticListener.AllListeners.Subscribe(probe);
        return probe;
    }

    public void Start()
    {
        _commands.Clear();
        _opens.Clear();
        _compilations = 0;
        _active = true;
    }

    public Profile Stop()
    {
        _active = false;
        return new Profile(
            _commands.Select(c => new CommandStat(c.Key.Context, c.Key.Sql, c.Value.Count, c.Value.TotalMs)).ToList(),
            new Dictionary<string, int>(_opens), _compilations);
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.EntityFrameworkCore")
        {
            lock (_subscriptions)
                _subscriptions.Add(value.Subscribe(this, name => _active && (name == CommandExecuted || name == ConnectionOpened || name == QueryCompiling)));
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (!_active)
            return;
        switch (value.Value)
        {
            case CommandExecutedEventData executed:
                var stat = _commands.GetOrAdd((ContextName(executed.Context), Shorten(executed.Command.CommandText)), _ => new Stat());
                stat.Add(executed.Duration.TotalMilliseconds);
                break;
            case not null when value.Key == QueryCompiling:
                Interlocked.Increment(ref _compilations);
                break;
            case ConnectionEndEventData opened when value.Key == ConnectionOpened:
                _opens.AddOrUpdate(ContextName(opened.Context), 1, (_, n) => n + 1);
                break;
        }
    }

    private static string ContextName(Microsoft.EntityFrameworkCore.DbContext? context) => context?.GetType().Name ?? "(none)";

    private static string Shorten(string sql)
    {
        var flat = Whitespace().Replace(sql, " ").Trim();
        // A batch of statements in one command (how EF Core sends SaveChanges) says how many it holds.
        var statements = flat.TrimEnd(';').Count(c => c == ';') + 1;
        var text = flat.Length <= 100 ? flat : flat[..100] + "...";
        return statements > 1 ? $"[{statements} statements] {text}" : text;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _all?.Dispose();
        lock (_subscriptions)
        {
            foreach (var s in _subscriptions)
                s.Dispose();
        }
    }

    private sealed class Stat
    {
        private long _count;
        private double _totalMs;
        private readonly Lock _lock = new();

        public long Count => _count;
        public double TotalMs => _totalMs;

        public void Add(double ms)
        {
            lock (_lock)
            {
                _count++;
                _totalMs += ms;
            }
        }
    }
}

internal sealed record CommandStat(string Context, string Sql, long Count, double TotalMs);

internal sealed record Profile(IReadOnlyList<CommandStat> Commands, IReadOnlyDictionary<string, int> ConnectionOpens, int QueryCompilations)
{
    public long CommandCount => Commands.Sum(c => c.Count);
    public double CommandMs => Commands.Sum(c => c.TotalMs);
}
