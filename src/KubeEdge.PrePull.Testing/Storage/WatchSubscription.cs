using System.Threading.Channels;

namespace KubeEdge.PrePull.Testing.Storage;

/// <summary>A live feed of one resource's changes: replayed history first, then new events as they happen.</summary>
internal sealed class WatchSubscription : IDisposable
{
    private readonly Action<WatchSubscription> _unsubscribe;
    private readonly Channel<StoredEvent> _channel = Channel.CreateUnbounded<StoredEvent>(); // Multi-reader so the queue can be counted for bookmarks.
    private long _lastPublished;

    /// <summary>Creates a subscription.</summary>
    /// <param name="namespaceFilter">Only events of this namespace, or all when <see langword="null"/>.</param>
    /// <param name="unsubscribe">Removes it from the store.</param>
    /// <param name="route">The label (or name) values its selectors require, or <see langword="null"/>.</param>
    public WatchSubscription(string? namespaceFilter, Action<WatchSubscription> unsubscribe, WatchRoute? route = null)
    {
        NamespaceFilter = namespaceFilter;
        _unsubscribe = unsubscribe;
        Route = route;
    }

    /// <summary>What its selectors require, so the store's <see cref="WatchIndex"/> routes only the events it can match.</summary>
    public WatchRoute? Route { get; }

    /// <summary>The namespace watched, or <see langword="null"/> for all.</summary>
    public string? NamespaceFilter { get; }

    /// <summary>
    /// Whether the server's own machinery (the simulated kubelets) holds it: injected watch faults close only
    /// clients' watches, as closing a real API server's watch never stops a kubelet's work.
    /// </summary>
    public bool IsInternal { get; init; }

    /// <summary>Events to deliver, in resourceVersion order; completes when the watch is closed by the server.</summary>
    public ChannelReader<StoredEvent> Events => _channel.Reader;

    /// <summary>
    /// Queues an event (never blocks: called under the store's write lock). An event the index routes to it twice
    /// (an object moving between two values it selects) is queued once.
    /// </summary>
    /// <param name="storedEvent">The event.</param>
    public void Publish(StoredEvent storedEvent)
    {
        if (storedEvent.ResourceVersion <= _lastPublished)
        {
            return;
        }

        _lastPublished = storedEvent.ResourceVersion;
        _channel.Writer.TryWrite(storedEvent);
    }

    /// <summary>Ends the feed; the reader sees completion after draining.</summary>
    public void Close() => _channel.Writer.TryComplete();

    /// <inheritdoc/>
    public void Dispose()
    {
        _unsubscribe(this);
        Close();
    }
}
