using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// Polls one job's status while a test runs and remembers, per node, when the test first saw it recorded Successful
/// (in <c>nodeStatus</c> or in the compact <c>status.succeededNodes</c>, base64 of gzip of the sorted names), on the
/// timestamp clock of <see cref="ChaosKubeletPuller"/>. The time is taken after the read returns, so it is never
/// earlier than the write that recorded the node.
/// </summary>
internal sealed class JobStatusRecorder : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, long> _firstSuccessful = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _reads;

    public JobStatusRecorder(ControllerCluster cluster, string job)
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var read = await cluster.GetJobAsync(job);
                    Record(read, TimeProvider.System.GetTimestamp());
                    Interlocked.Increment(ref _reads);
                    await Task.Delay(TimeSpan.FromMilliseconds(50), _stop.Token);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
            }
        });
    }

    /// <summary>How many nodes the status has recorded Successful so far.</summary>
    public int SuccessfulCount => _firstSuccessful.Count;

    /// <summary>How many reads have completed.</summary>
    public int Reads => Volatile.Read(ref _reads);

    /// <summary>When the test first saw each node recorded Successful.</summary>
    public IReadOnlyDictionary<string, long> FirstSuccessful => _firstSuccessful;

    /// <summary>Records the nodes one read of the job shows Successful.</summary>
    public void Record(ImagePrePullJob? job, long at)
    {
        foreach (var node in SuccessfulNodes(job))
        {
            _firstSuccessful.TryAdd(node, at);
        }
    }

    /// <summary>The nodes a job's status records Successful, from both places the status keeps them.</summary>
    public static IReadOnlySet<string> SuccessfulNodes(ImagePrePullJob? job)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (job?.Status is not { } status)
        {
            return names;
        }

        foreach (var entry in status.NodeStatus ?? [])
        {
            if (entry.Phase == NodeTaskPhases.Successful && entry.NodeName is { } name)
            {
                names.Add(name);
            }
        }

        if (!string.IsNullOrEmpty(status.SucceededNodes))
        {
            using var gzip = new GZipStream(new MemoryStream(Convert.FromBase64String(status.SucceededNodes)), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            while (reader.ReadLine() is { Length: > 0 } line)
            {
                names.Add(line);
            }
        }

        return names;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
