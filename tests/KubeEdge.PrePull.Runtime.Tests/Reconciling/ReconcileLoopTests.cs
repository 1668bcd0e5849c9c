using System.Collections.Concurrent;
using System.Threading.Channels;
using KubeEdge.PrePull.Runtime.Reconciling;
using Microsoft.Extensions.Time.Testing;

namespace KubeEdge.PrePull.Runtime.Tests.Reconciling;

/// <summary>The loop behind the controller and the agent: level-triggered start, changes, retries, requeues, restarts; on a fake clock.</summary>
public sealed class ReconcileLoopTests
{
    private static readonly ReconcileLoopSettings Settings = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(5));
    private readonly FakeTimeProvider _time = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_ListedThenChangedKeys_EachReconciled()
    {
        var host = new Host(["a", "b"]);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var loop = new ReconcileLoop(host, Settings, _time).RunAsync(stop.Token);

        Assert.Equal(["a", "b"], [await host.NextCallAsync(), await host.NextCallAsync()]);
        host.Source.Change("c");
        Assert.Equal("c", await host.NextCallAsync());

        await stop.CancelAsync();
        await loop;
        Assert.Equal(1, host.TermsEnded);
    }

    [Fact]
    public async Task RunAsync_ReconcileThrows_ReportedAndRetriedAfterTheBackoffDelayOnTheClock()
    {
        var host = new Host(["a"]);
        host.Results.Enqueue(() => throw new InvalidOperationException("refused"));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var loop = new ReconcileLoop(host, Settings, _time).RunAsync(stop.Token);

        Assert.Equal("a", await host.NextCallAsync());
        await Eventually.WaitUntilAsync(() => !host.Retries.IsEmpty, "the failure is reported");
        var (key, attempt, delay) = Assert.Single(host.Retries);
        Assert.Equal(("a", 1), (key, attempt));
        Assert.InRange(delay, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));

        _time.Advance(delay - TimeSpan.FromMilliseconds(1));
        Assert.False(host.Calls.Reader.TryPeek(out _));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("a", await host.NextCallAsync());

        await stop.CancelAsync();
        await loop;
    }

    [Fact]
    public async Task RunAsync_RequeueAfter_ReconciledAgainWhenTheClockPassesTheDelay()
    {
        var host = new Host(["a"]);
        host.Results.Enqueue(() => ReconcileResult.After(TimeSpan.FromSeconds(30)));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var loop = new ReconcileLoop(host, Settings, _time).RunAsync(stop.Token);

        Assert.Equal("a", await host.NextCallAsync());
        var start = _time.GetUtcNow();
        await Eventually.AdvanceUntilAsync(_time, TimeSpan.FromSeconds(1), () => host.Calls.Reader.Count > 0, "the key comes back");
        // Not before the delay (the worker may set its timer a step or two after the clock started moving).
        Assert.True(_time.GetUtcNow() - start >= TimeSpan.FromSeconds(30));
        Assert.Equal("a", await host.NextCallAsync());
        Assert.Empty(host.Retries);

        await stop.CancelAsync();
        await loop;
    }

    [Fact]
    public async Task RunAsync_Requeue_ReconciledAgainAfterTheBackoffDelayWithoutAFailureReport()
    {
        var host = new Host(["a"]);
        host.Results.Enqueue(() => new ReconcileResult(Requeue: true));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var loop = new ReconcileLoop(host, Settings, _time).RunAsync(stop.Token);

        Assert.Equal("a", await host.NextCallAsync());
        var start = _time.GetUtcNow();
        await Eventually.AdvanceUntilAsync(_time, TimeSpan.FromMilliseconds(100), () => host.Calls.Reader.Count > 0, "the key comes back");
        Assert.True(_time.GetUtcNow() - start >= TimeSpan.FromSeconds(0.5), "not before the first backoff delay");
        Assert.Equal("a", await host.NextCallAsync());
        Assert.Empty(host.Retries);

        await stop.CancelAsync();
        await loop;
    }

    [Fact]
    public async Task RunAsync_TermFails_ReportedThenStartedAgainAfterTheRestartDelay()
    {
        var host = new Host(["a"]) { FailFirstSync = true };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var loop = new ReconcileLoop(host, Settings, _time).RunAsync(stop.Token);

        await Eventually.WaitUntilAsync(() => !host.LoopFailures.IsEmpty, "the failed term is reported");
        Assert.Equal((1, 1), (host.TermsStarted, host.TermsEnded));
        _time.Advance(Settings.RestartDelay);
        Assert.Equal("a", await host.NextCallAsync());
        Assert.Equal(2, host.TermsStarted);

        await stop.CancelAsync();
        await loop;
    }

    private sealed class Host(IReadOnlyList<string> listed) : IReconcileHost, IReconciler
    {
        public Source Source { get; private set; } = new([]);

        public bool FailFirstSync { get; init; }

        public int TermsStarted { get; private set; }

        public int TermsEnded { get; private set; }

        public Channel<string> Calls { get; } = Channel.CreateUnbounded<string>();

        public ConcurrentQueue<Func<ReconcileResult>> Results { get; } = new();

        public ConcurrentQueue<(string Key, int Attempt, TimeSpan Delay)> Retries { get; } = new();

        public ConcurrentQueue<Exception> LoopFailures { get; } = new();

        public async Task<string> NextCallAsync()
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            limit.CancelAfter(Eventually.Timeout);
            return await Calls.Reader.ReadAsync(limit.Token);
        }

        public ReconcileTerm StartTerm(IReconcileQueue queue, CancellationToken term)
        {
            TermsStarted++;
            Source = new Source(listed) { FailSync = FailFirstSync && TermsStarted == 1 };
            return new ReconcileTerm([Source], this);
        }

        public Task EndTermAsync(ReconcileTerm term)
        {
            TermsEnded++;
            return Task.CompletedTask;
        }

        public void ReconcileRetry(string key, int attempt, TimeSpan delay, Exception exception) => Retries.Enqueue((key, attempt, delay));

        public void LoopFailed(Exception exception) => LoopFailures.Enqueue(exception);

        public Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
        {
            Calls.Writer.TryWrite(key);
            return Task.FromResult(Results.TryDequeue(out var result) ? result() : ReconcileResult.Done);
        }
    }

    private sealed class Source(IReadOnlyList<string> listed) : IWatchSource
    {
        private readonly Channel<string> _changes = Channel.CreateUnbounded<string>();

        public bool FailSync { get; init; }

        public void Change(string key) => _changes.Writer.TryWrite(key);

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The term ended.
            }
        }

        public Task WaitForSyncAsync(CancellationToken cancellationToken) =>
            FailSync ? Task.FromException(new InvalidOperationException("the list failed")) : Task.CompletedTask;

        public IEnumerable<string> Keys() => listed;

        public async Task PumpAsync(Action<string> changed, CancellationToken cancellationToken)
        {
            try
            {
                await foreach (var key in _changes.Reader.ReadAllAsync(cancellationToken))
                {
                    changed(key);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The term ended.
            }
        }
    }
}
