using Microsoft.Extensions.Logging;

namespace WiseSync.Samples.Console.Output;

/// <summary>Writes log lines to the harness's stderr writer, so stdout keeps only the report.</summary>
internal sealed class TextWriterLoggerProvider(TextWriter writer, LogLevel minimum) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public LogLevel Minimum { get; } = minimum;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var shortCategory = category[(category.LastIndexOf('.') + 1)..];
        lock (_gate)
        {
            writer.WriteLine($"{Label(level)} {shortCategory}: {message}");
            if (exception is not null && level >= LogLevel.Error)
            {
                writer.WriteLine($"      {exception.GetType().Name}: {exception.Message}");
            }
        }
    }

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class Logger(TextWriterLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= provider.Minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(logLevel, category, formatter(state, exception), exception);
            }
        }
    }
}
