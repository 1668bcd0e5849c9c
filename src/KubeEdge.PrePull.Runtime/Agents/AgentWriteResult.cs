namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>How writing a node's entry ended.</summary>
internal enum AgentWriteResult
{
    /// <summary>The entry now holds the result.</summary>
    Written,

    /// <summary>
    /// Not written, and it should not be: the entry is no longer <c>InProgress</c> (the controller timed it out),
    /// the job finished, or it was deleted or re-created.
    /// </summary>
    Dropped,
}
