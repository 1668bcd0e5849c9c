namespace KubeEdge.PrePull.Scheduling;

/// <summary>What ended a worker's wait for its node.</summary>
internal enum NodeWaitEnd
{
    /// <summary>The node's work finished (with a result or an exception).</summary>
    WorkDone,

    /// <summary>The node's timeout passed first.</summary>
    TimedOut,

    /// <summary>The job was cancelled first.</summary>
    Cancelled,
}
