namespace KubeEdge.PrePull.Testing;

/// <summary>Options of an <see cref="EmbeddedApiServer"/>.</summary>
public sealed class EmbeddedApiServerOptions
{
    /// <summary>Default of <see cref="WatchHistoryLimit"/>.</summary>
    public const int DefaultWatchHistoryLimit = 10_000;

    /// <summary>Default of <see cref="BookmarkInterval"/>: one minute, as kube-apiserver.</summary>
    public static readonly TimeSpan DefaultBookmarkInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The clock for creationTimestamp, deletionTimestamp, ages, bookmarks, watch timeouts, delay faults and
    /// simulated pull latency. Default <see cref="TimeProvider.System"/>; tests pass a <c>FakeTimeProvider</c>.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Events kept per resource for watches to resume from (default <see cref="DefaultWatchHistoryLimit"/>);
    /// a watch from an older resourceVersion gets <c>410 Gone</c>. Set it low to test relisting.
    /// </summary>
    public int WatchHistoryLimit { get; set; } = DefaultWatchHistoryLimit;

    /// <summary>How long a watch with <c>allowWatchBookmarks</c> stays idle before a BOOKMARK is sent (default one minute).</summary>
    public TimeSpan BookmarkInterval { get; set; } = DefaultBookmarkInterval;

    /// <summary>Namespaces created at start (default <c>default</c>, <c>kube-system</c>, <c>kube-node-lease</c>).</summary>
    public IList<string> Namespaces { get; } = ["default", "kube-system", "kube-node-lease"];
}
