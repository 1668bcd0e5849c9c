using System.Threading.Channels;
using KubeEdge.PrePull.Runtime.Caching;
using Microsoft.Extensions.Time.Testing;

namespace KubeEdge.PrePull.Runtime.Tests.Caching;

public sealed class KeyedWorkQueueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Add_SameKeyWhileQueued_IsHandedOutOnce()
    {
        using var queue = new KeyedWorkQueue(new FakeTimeProvider());

        queue.Add("a");
        queue.Add("b");
        queue.Add("a");

        Assert.Equal(2, queue.Count);
        Assert.Equal("a", await queue.TakeAsync(Ct));
        Assert.Equal("b", await queue.TakeAsync(Ct));
        Assert.False(queue.TakeAsync(Ct).AsTask().IsCompleted);
    }

    [Fact]
    public async Task Add_WhileTheKeyIsProcessed_HandedOutAgainOnlyAfterDone()
    {
        using var queue = new KeyedWorkQueue(new FakeTimeProvider());
        queue.Add("job-1");
        var key = await queue.TakeAsync(Ct);

        queue.Add("job-1");
        queue.Add("job-1");
        var next = queue.TakeAsync(Ct).AsTask();
        await Task.Delay(50, Ct);
        Assert.False(next.IsCompleted);

        queue.Done(key);

        Assert.Equal("job-1", await next.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        queue.Done("job-1");
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Done_KeyNotAddedMeanwhile_IsNotHandedOutAgain()
    {
        using var queue = new KeyedWorkQueue(new FakeTimeProvider());
        queue.Add("a");
        queue.Done(await queue.TakeAsync(Ct));

        var next = queue.TakeAsync(Ct).AsTask();
        await Task.Delay(50, Ct);

        Assert.False(next.IsCompleted);
    }

    [Fact]
    public async Task AddAfter_Delay_KeyArrivesWhenTheClockReachesIt()
    {
        var time = new FakeTimeProvider();
        using var queue = new KeyedWorkQueue(time);
        queue.AddAfter("a", TimeSpan.FromSeconds(5));
        var next = queue.TakeAsync(Ct).AsTask();

        time.Advance(TimeSpan.FromSeconds(4.9));
        await Task.Delay(50, Ct);
        Assert.False(next.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal("a", await next.WaitAsync(TimeSpan.FromSeconds(10), Ct));
    }

    [Fact]
    public async Task AddAfter_KeyAlreadyQueuedWhenDue_StaysOneEntry()
    {
        var time = new FakeTimeProvider();
        using var queue = new KeyedWorkQueue(time);
        queue.AddAfter("a", TimeSpan.FromSeconds(1));
        queue.Add("a");

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, queue.Count);
        Assert.Equal("a", await queue.TakeAsync(Ct));
        Assert.False(queue.TakeAsync(Ct).AsTask().IsCompleted);
    }

    [Fact]
    public async Task Dispose_WaitingTaker_SeesTheQueueClosedAndTimersDropped()
    {
        var time = new FakeTimeProvider();
        var queue = new KeyedWorkQueue(time);
        queue.AddAfter("late", TimeSpan.FromSeconds(1));
        var waiting = queue.TakeAsync(Ct).AsTask();

        queue.Dispose();
        time.Advance(TimeSpan.FromSeconds(2));

        await Assert.ThrowsAsync<ChannelClosedException>(() => waiting);
        Assert.Equal(0, queue.Count);
    }
}
