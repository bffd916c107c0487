using Microsoft.Extensions.Logging;

namespace SchoolMis.E2E;

/// <summary>Writes the server's errors during the browser run to artifacts/e2e/server-errors.log, beside the screenshots.</summary>
internal sealed class ServerErrorFile(string path) : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly string _path = path;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ServerErrorFile owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            lock (owner._gate)
                File.AppendAllText(owner._path, $"{DateTime.UtcNow:O} {category}: {formatter(state, exception)}\n{exception}\n\n");
        }
    }
}
