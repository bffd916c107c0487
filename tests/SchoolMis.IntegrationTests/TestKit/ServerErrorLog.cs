using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SchoolMis.IntegrationTests.TestKit;

/// <summary>Keeps the server's error logs of one test app, so a failing test can say what went wrong inside.</summary>
public sealed class ServerErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    public IReadOnlyCollection<string> Errors => _errors;

    public override string ToString() => string.Join("\n---\n", _errors);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ServerErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                log._errors.Enqueue($"{category}: {formatter(state, exception)}\n{exception}");
        }
    }
}
