using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Tests.Caching;

/// <summary>An <see cref="ILogger"/> that keeps every record (message, state values, exception text) and lets a test await one.</summary>
internal sealed class CapturingLogger : ILogger
{
    private readonly Lock _gate = new();
    private readonly List<LogRecord> _records = [];
    private readonly List<(Func<LogRecord, bool> Match, TaskCompletionSource<LogRecord> Done)> _waiters = [];

    /// <summary>A snapshot of the records so far.</summary>
    public IReadOnlyList<LogRecord> Records
    {
        get
        {
            lock (_gate)
            {
                return [.. _records];
            }
        }
    }

    /// <summary>Every record as one text: message, state values and exception, for "never contains" checks.</summary>
    public string AllText => string.Join("\n", Records.Select(r => r.FullText));

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)
            : [];
        var record = new LogRecord(logLevel, eventId.Id, formatter(state, exception), values, exception);
        List<TaskCompletionSource<LogRecord>> done = [];
        lock (_gate)
        {
            _records.Add(record);
            _waiters.RemoveAll(w =>
            {
                if (!w.Match(record))
                {
                    return false;
                }

                done.Add(w.Done);
                return true;
            });
        }

        done.ForEach(d => d.TrySetResult(record));
    }

    /// <summary>Waits for the first record (already logged or to come) that matches.</summary>
    /// <param name="match">The condition.</param>
    /// <param name="skip">How many matching records to skip.</param>
    /// <returns>The record.</returns>
    public Task<LogRecord> WaitForAsync(Func<LogRecord, bool> match, int skip = 0)
    {
        var tcs = new TaskCompletionSource<LogRecord>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var existing = _records.Where(match).Skip(skip).FirstOrDefault();
            if (existing is not null)
            {
                return Task.FromResult(existing);
            }

            // Checked under the lock after the new record is stored: it is the one wanted once more than skip match.
            _waiters.Add((r => match(r) && _records.Count(match) > skip, tcs));
        }

        return tcs.Task.WaitAsync(Eventually.Timeout, TestContext.Current.CancellationToken);
    }
}

/// <summary>One captured log record.</summary>
internal sealed record LogRecord(LogLevel Level, int EventId, string Message, IReadOnlyDictionary<string, object?> Values, Exception? Exception)
{
    public string FullText => Message + " " + string.Join(" ", Values.Select(v => v.Key + "=" + v.Value)) + " " + Exception;
}
