using k8s;
using KubeEdge.PrePull.Runtime.Caching;

namespace KubeEdge.PrePull.Runtime.Tests.Caching;

/// <summary>Passes every call to a real source and records what the cache asked for (continue tokens, watch versions).</summary>
internal sealed class RecordingSource<T>(IListWatchSource<T> inner) : IListWatchSource<T>
{
    private readonly Lock _gate = new();
    private readonly List<string?> _lists = [];
    private readonly List<string> _watches = [];

    public string Resource => inner.Resource;

    /// <summary>The continue token of every list call (null for a first page).</summary>
    public IReadOnlyList<string?> ListCalls
    {
        get
        {
            lock (_gate)
            {
                return [.. _lists];
            }
        }
    }

    /// <summary>The resourceVersion of every watch call.</summary>
    public IReadOnlyList<string> WatchCalls
    {
        get
        {
            lock (_gate)
            {
                return [.. _watches];
            }
        }
    }

    public Task<ListPage<T>> ListAsync(string? continueToken, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _lists.Add(continueToken);
        }

        return inner.ListAsync(continueToken, limit, cancellationToken);
    }

    public IAsyncEnumerable<WatchItem<T>> WatchAsync(string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _watches.Add(resourceVersion);
        }

        return inner.WatchAsync(resourceVersion, onError, cancellationToken);
    }
}
