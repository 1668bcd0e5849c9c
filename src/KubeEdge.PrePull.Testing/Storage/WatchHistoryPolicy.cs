namespace KubeEdge.PrePull.Testing.Storage;

/// <summary>
/// How long events stay in a resource's watch history: <paramref name="Window"/> on the server's clock, as
/// kube-apiserver's watch cache keeps history by time, and at most <paramref name="Limit"/> events, to bound memory.
/// </summary>
/// <param name="Limit">Most events kept per resource.</param>
/// <param name="Window">Age after which an event leaves the history.</param>
internal sealed record WatchHistoryPolicy(int Limit, TimeSpan Window);
