using k8s;
using KubeEdge.PrePull.Runtime.LeaderElection;
using KubeEdge.PrePull.Runtime.Tests.Caching;
using KubeEdge.PrePull.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace KubeEdge.PrePull.Runtime.Tests.LeaderElection;

/// <summary>One controller replica: its own client and elector; its "work" records when it led, on the fake clock.</summary>
#pragma warning disable CA1001 // The token source lives as long as the test; StopAsync cancels it.
internal sealed class Candidate : IAsyncDisposable
#pragma warning restore CA1001
{
    private readonly FakeTimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<(DateTimeOffset Start, DateTimeOffset? End)> _terms = [];
    private Task? _run;

    public Candidate(ApiServerFixture api, FakeTimeProvider time, LeaderElectionOptions options)
    {
        _time = time;
        Client = api.CreateClient(Handler);
        Elector = new LeaseLeaderElector(Client, options, time, Logger, new Random(options.Identity!.Length));
    }

    public CountingHandler Handler { get; } = new();

    public Kubernetes Client { get; }

    public CapturingLogger Logger { get; } = new();

    public LeaseLeaderElector Elector { get; }

    public Task Run => _run ?? throw new InvalidOperationException("Not started.");

    /// <summary>Each time the work ran: when it started and when its token was cancelled.</summary>
    public IReadOnlyList<(DateTimeOffset Start, DateTimeOffset? End)> Terms
    {
        get
        {
            lock (_gate)
            {
                return [.. _terms];
            }
        }
    }

    /// <summary>Whether the work runs now (started and not yet cancelled).</summary>
    public bool Leading => Terms is [.., (_, null)];

    public Candidate Start()
    {
        _run = Task.Run(() => Elector.RunAsync(WorkAsync, _stop.Token));
        return this;
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Run.WaitAsync(Eventually.Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (_run is not null && !_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        Client.Dispose();
    }

    private async Task WorkAsync(CancellationToken leading)
    {
        lock (_gate)
        {
            _terms.Add((_time.GetUtcNow(), null));
        }

        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, leading);
        }
        catch (OperationCanceledException)
        {
            // Leadership ended: the work stops, which is what a controller must do.
        }
        finally
        {
            lock (_gate)
            {
                _terms[^1] = (_terms[^1].Start, _time.GetUtcNow());
            }
        }
    }
}
