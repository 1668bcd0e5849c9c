using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Tests.Scheduling;

/// <summary>
/// The run's progress stream (docs/design.md §4 item 2): single updates and batches from any number of writers, read
/// by one reader in the order each writer wrote them, every update exactly once; a reader that caught up waits and
/// is woken by the next write; completion ends the reading once what was written is read.
/// </summary>
public sealed class UpdateStreamTests
{
    private static readonly TimeSpan Patience = Eventually.Timeout;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SinglesAndBatches_ReadInTheOrderWritten_ThenTheStreamEnds()
    {
        var stream = new UpdateStream();
        stream.Write(Update("a"));
        stream.Write([Update("b"), Update("c")]);
        stream.Write(Update("d"));
        stream.Complete();
        stream.Write(Update("after the end"));

        Assert.Equal(["a", "b", "c", "d"], await NamesAsync(stream));
        await stream.Completion.WaitAsync(Patience, Ct);
    }

    [Fact]
    public async Task ReaderThatCaughtUp_IsWokenByTheNextWrite()
    {
        var stream = new UpdateStream();
        stream.Write(Update("a"));
        Assert.True(stream.TryRead(out _));

        var waiting = stream.WaitToReadAsync(Ct).AsTask();
        Assert.False(waiting.IsCompleted);
        stream.Write([Update("b"), Update("c")]);

        Assert.True(await waiting.WaitAsync(Patience, Ct));
        Assert.True(stream.TryRead(out var b));
        Assert.True(stream.TryRead(out var c));
        Assert.False(stream.TryRead(out _));
        Assert.Equal(("b", "c"), (b.Node.NodeName, c.Node.NodeName));
    }

    [Fact]
    public async Task WaitingReader_Completed_GetsFalse_AndCompletionEnds()
    {
        var stream = new UpdateStream();
        var waiting = stream.WaitToReadAsync(Ct).AsTask();

        stream.Complete();

        Assert.False(await waiting.WaitAsync(Patience, Ct));
        Assert.False(await stream.WaitToReadAsync(Ct));
        await stream.Completion.WaitAsync(Patience, Ct);
    }

    [Fact]
    public async Task Completion_WaitsUntilWhatWasWrittenIsRead()
    {
        var stream = new UpdateStream();
        stream.Write([Update("a"), Update("b")]);
        stream.Complete();

        Assert.False(stream.Completion.IsCompleted);
        Assert.Equal(["a", "b"], await NamesAsync(stream));
        await stream.Completion.WaitAsync(Patience, Ct);
    }

    [Fact]
    public async Task WaitToReadAsync_Cancelled_ThrowsAndTheStreamGoesOn()
    {
        var stream = new UpdateStream();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var waiting = stream.WaitToReadAsync(cancel.Token).AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience, Ct));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.WaitToReadAsync(cancel.Token).AsTask());
        stream.Write(Update("a"));
        Assert.True(await stream.WaitToReadAsync(Ct));
        Assert.True(stream.TryRead(out var a));
        Assert.Equal("a", a.Node.NodeName);
    }

    [Fact]
    public async Task ManyWriters_EveryUpdateReadOnce_InEachWritersOrder()
    {
        const int Writers = 4;
        const int PerWriter = 20_000;
        var stream = new UpdateStream();
        var reading = Task.Run(() => NamesAsync(stream), Ct);
        var writing = Enumerable.Range(0, Writers).Select(w => Task.Run(() =>
        {
            var batch = new List<NodeUpdate>();
            for (var i = 0; i < PerWriter; i++)
            {
                // Singles and batches of up to 7, as workers and node runs write them.
                var update = Update($"{w}/{i}");
                if (i % 3 == 0)
                {
                    stream.Write(update);
                    continue;
                }

                batch.Add(update);
                if (batch.Count == 7)
                {
                    stream.Write(batch);
                    batch.Clear();
                }
            }

            stream.Write(batch);
        }, Ct)).ToArray();
        await Task.WhenAll(writing).WaitAsync(Patience, Ct);
        stream.Complete();

        var names = await reading.WaitAsync(Patience, Ct);

        Assert.Equal(Writers * PerWriter, names.Count);
        for (var w = 0; w < Writers; w++)
        {
            var prefix = $"{w}/";
            var order = names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Select(n => int.Parse(n[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture));
            var expected = Enumerable.Range(0, PerWriter).Where(i => i % 3 == 0).ToList();
            // Each writer's singles keep their order, and so do its batched ones; every index appears once.
            Assert.Equal(expected, order.Where(i => i % 3 == 0));
            Assert.Equal(Enumerable.Range(0, PerWriter).Where(i => i % 3 != 0), order.Where(i => i % 3 != 0));
        }
    }

    private static NodeUpdate Update(string name) => new(NodeUpdateKind.Finished, NodeTaskResult.Pending(name));

    private static async Task<List<string>> NamesAsync(UpdateStream stream)
    {
        var names = new List<string>();
        await foreach (var update in stream.ReadAllAsync(Ct))
        {
            names.Add(update.Node.NodeName);
        }

        return names;
    }
}
