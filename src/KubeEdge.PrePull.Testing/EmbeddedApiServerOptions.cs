namespace KubeEdge.PrePull.Testing;

/// <summary>Options of an <see cref="EmbeddedApiServer"/>.</summary>
public sealed class EmbeddedApiServerOptions
{
    /// <summary>Default of <see cref="WatchHistoryLimit"/>.</summary>
    public const int DefaultWatchHistoryLimit = 10_000;

    /// <summary>
    /// Default of <see cref="WatchHistoryWindow"/>: 75 seconds, kube-apiserver's watch cache event freshness
    /// (<c>eventFreshDuration</c>).
    /// </summary>
    public static readonly TimeSpan DefaultWatchHistoryWindow = TimeSpan.FromSeconds(75);

    /// <summary>Default of <see cref="BookmarkInterval"/>: one minute, as kube-apiserver.</summary>
    public static readonly TimeSpan DefaultBookmarkInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The clock for creationTimestamp, deletionTimestamp, ages, bookmarks, watch timeouts, delay faults and
    /// simulated pull latency. Default <see cref="TimeProvider.System"/>; tests pass a <c>FakeTimeProvider</c>.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// How long, on <see cref="TimeProvider"/>, an event stays in the history a watch can resume from (default
    /// <see cref="DefaultWatchHistoryWindow"/>, as kube-apiserver's watch cache). A watch from a resourceVersion
    /// whose later events have expired gets <c>410 Gone</c> "too old resource version"; a watch from the latest
    /// version of a quiet resource never expires. Advance a <c>FakeTimeProvider</c> past it to test relisting.
    /// </summary>
    public TimeSpan WatchHistoryWindow { get; set; } = DefaultWatchHistoryWindow;

    /// <summary>
    /// A cap on the events kept per resource besides <see cref="WatchHistoryWindow"/> (default
    /// <see cref="DefaultWatchHistoryLimit"/>); both apply, whichever drops an event first. It bounds the memory
    /// a busy test holds when its clock stands still; set it low to test relisting by count.
    /// </summary>
    public int WatchHistoryLimit { get; set; } = DefaultWatchHistoryLimit;

    /// <summary>
    /// Whether custom resources are checked against their CRD's structural schema on create, update and patch
    /// (default <see langword="true"/>, as kube-apiserver): a violation is answered <c>422 Invalid</c> naming the
    /// field. Turn it off to let any client store what the schema rejects; to store a single such object, use
    /// <see cref="EmbeddedApiServer.CreateUnvalidated(string)"/> instead.
    /// </summary>
    public bool ValidateCustomResources { get; set; } = true;

    /// <summary>How long a watch with <c>allowWatchBookmarks</c> stays idle before a BOOKMARK is sent (default one minute).</summary>
    public TimeSpan BookmarkInterval { get; set; } = DefaultBookmarkInterval;

    /// <summary>Namespaces created at start (default <c>default</c>, <c>kube-system</c>, <c>kube-node-lease</c>).</summary>
    public IList<string> Namespaces { get; } = ["default", "kube-system", "kube-node-lease"];
}
