using System.Threading.Channels;
using KubeEdge.PrePull.Runtime.Reconciling;
using Microsoft.Extensions.Time.Testing;

namespace KubeEdge.PrePull.Runtime.Tests.Reconciling;

/// <summary>De-duplication, the processing rule and rate-limited retries of the work queue, on a fake clock.</summary>
public sealed class KeyedWorkQueueTests
{
    private readonly FakeTimeProvider _time = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Add_SameKeyWhileQueued_IsHandedOutOnce()
    {
        using var queue = new KeyedWorkQueue(_time);

        queue.Add("a");
        queue.Add("b");
        queue.Add("a");
        queue.Add("a");

        Assert.Equal(2, queue.Count);
        Assert.Equal("a", await queue.TakeAsync(Ct));
        Assert.Equal("b", await queue.TakeAsync(Ct));
        Assert.False(queue.TakeAsync(Ct).AsTask().IsCompleted);
    }

    [Fact]
    public async Task Add_KeyBeingProcessed_IsHandedOutOnceMoreOnlyAfterDone()
    {
        using var queue = new KeyedWorkQueue(_time);
        queue.Add("a");
        var taken = await queue.TakeAsync(Ct);

        queue.Add("a");
        queue.Add("a");
        var next = queue.TakeAsync(Ct).AsTask();
        Assert.False(next.IsCompleted);

        queue.Done(taken);
        Assert.Equal("a", await next);
        queue.Done("a");
        Assert.False(queue.TakeAsync(Ct).AsTask().IsCompleted);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Done_KeyNotAddedMeanwhile_IsNotHandedOutAgain()
    {
        using var queue = new KeyedWorkQueue(_time);
        queue.Add("a");
        queue.Done(await queue.TakeAsync(Ct));

        Assert.False(queue.TakeAsync(Ct).AsTask().IsCompleted);
    }

    [Fact]
    public async Task AddRateLimited_RepeatedFailures_DelaysDoubleUpToTheCapOnTheClock()
    {
        using var queue = new KeyedWorkQueue(_time, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), new Random(5));
        var ceilings = new[] { 1, 2, 4, 8, 8 };

        foreach (var ceiling in ceilings)
        {
            var delay = queue.AddRateLimited("job-a");
            Assert.InRange(delay, TimeSpan.FromSeconds(ceiling / 2.0), TimeSpan.FromSeconds(ceiling));

            var take = queue.TakeAsync(Ct).AsTask();
            _time.Advance(delay - TimeSpan.FromMilliseconds(1));
            Assert.False(take.IsCompleted);
            _time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal("job-a", await take);
            queue.Done("job-a");
        }

        Assert.Equal(5, queue.Failures("job-a"));
    }

    [Fact]
    public void Forget_AfterSuccess_StartsTheNextRetryFromTheFirstDelay()
    {
        using var queue = new KeyedWorkQueue(_time, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(5));
        queue.AddRateLimited("a");
        queue.AddRateLimited("a");
        queue.AddRateLimited("a");

        queue.Forget("a");

        Assert.Equal(0, queue.Failures("a"));
        Assert.InRange(queue.AddRateLimited("a"), TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        Assert.Equal(0, queue.Failures("other"));
    }

    [Fact]
    public async Task AddRateLimited_KeyAlsoAddedDirectly_IsHandedOutOnceNotTwice()
    {
        using var queue = new KeyedWorkQueue(_time, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        var delay = queue.AddRateLimited("a");
        queue.Add("a");
        Assert.Equal("a", await queue.TakeAsync(Ct));
        queue.Done("a");

        _time.Advance(delay);
        Assert.Equal("a", await queue.TakeAsync(Ct));
        queue.Done("a");
        Assert.False(queue.TakeAsync(Ct).AsTask().IsCompleted);
    }

    [Fact]
    public async Task Dispose_PendingTimersDroppedAndTakersReleased()
    {
        var queue = new KeyedWorkQueue(_time);
        queue.AddAfter("later", TimeSpan.FromSeconds(5));
        var take = queue.TakeAsync(Ct).AsTask();

        queue.Dispose();
        _time.Advance(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAsync<ChannelClosedException>(async () => await take);
        queue.Add("ignored");
        Assert.Equal(0, queue.Count);
    }
}
