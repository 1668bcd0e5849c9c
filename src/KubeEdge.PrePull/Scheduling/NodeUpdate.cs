namespace KubeEdge.PrePull.Scheduling;

/// <summary>One step of a running job, with the node's whole state after it (so a consumer can just replace its entry).</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Node">The node's state after the step.</param>
/// <param name="Image">The image that finished, for <see cref="NodeUpdateKind.ImageFinished"/>.</param>
public sealed record NodeUpdate(NodeUpdateKind Kind, NodeTaskResult Node, ImageResult? Image = null);
