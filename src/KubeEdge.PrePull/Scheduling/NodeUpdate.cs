namespace KubeEdge.PrePull.Scheduling;

/// <summary>
/// One step of a running job, with the node's whole state after it (so a consumer can just replace its entry).
/// A struct: a job streams several per node, and the stream should not cost an object each.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Node">The node's state after the step.</param>
/// <param name="Image">The image that finished, for <see cref="NodeUpdateKind.ImageFinished"/>.</param>
public readonly record struct NodeUpdate(NodeUpdateKind Kind, NodeTaskResult Node, ImageResult? Image = null);
