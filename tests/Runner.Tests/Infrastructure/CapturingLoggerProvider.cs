using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Runner.Tests.Infrastructure;

/// <summary>Writes every log line of a host, its state and exception included, into a queue a test can scan.</summary>
internal sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, sink);
    public void Dispose() { }

    private sealed class Capturing(string category, ConcurrentQueue<string> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception} {state}");
    }
}
