namespace KubeEdge.PrePull.Scheduling;

/// <summary>What happened to a node.</summary>
public enum NodeUpdateKind
{
    /// <summary>The node was dispatched and is <c>InProgress</c>.</summary>
    Dispatched = 0,

    /// <summary>The node's <c>Check</c> action finished (streamed when the node waited afterwards; docs/design.md §2 "Progress").</summary>
    CheckFinished,

    /// <summary>One image of the node finished (succeeded, or failed after its retries); streamed like <see cref="CheckFinished"/>.</summary>
    ImageFinished,

    /// <summary>The node is terminal: <c>Successful</c>, <c>Failure</c> or <c>Unknown</c>.</summary>
    Finished,

    /// <summary>
    /// The node is <c>Pending</c> and not dispatched now: it waits for its node to be Ready, or it just joined a
    /// waiting run (docs/design.md §2 "Execution").
    /// </summary>
    NotStarted,

    /// <summary>An image of the node began or stopped waiting for its registry (docs/design.md §2 "Registry budget"); the node shows it with status <c>Unknown</c>.</summary>
    ImageWaiting,
}
