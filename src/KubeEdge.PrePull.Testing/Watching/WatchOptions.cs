namespace KubeEdge.PrePull.Testing.Watching;

/// <summary>The parameters of one watch request.</summary>
/// <param name="FromVersion">resourceVersion to resume after, or <see langword="null"/>.</param>
/// <param name="AllowBookmarks">Whether BOOKMARK events may be sent.</param>
/// <param name="SendInitialEvents">Whether an initial-events-end bookmark follows the replay.</param>
/// <param name="Timeout">Server-side timeout, or <see langword="null"/> for none.</param>
/// <param name="CloseAfterReplay">Whether to end the stream once the replay is sent (a fault).</param>
/// <param name="AsTable">Whether each event's object is a <c>meta.k8s.io/v1 Table</c> (kubectl's <c>as=Table</c>).</param>
/// <param name="Route">What the selectors require, so the store routes only the events that can match (docs/design.md §3 "Watch fan-out").</param>
internal sealed record WatchOptions(long? FromVersion, bool AllowBookmarks, bool SendInitialEvents, TimeSpan? Timeout, bool CloseAfterReplay, bool AsTable = false, Storage.WatchRoute? Route = null);
