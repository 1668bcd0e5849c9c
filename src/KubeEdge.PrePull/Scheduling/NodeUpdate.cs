using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>
/// One step of a running job, with the node's whole state after it (so a consumer can just replace its entry).
/// A struct: a job streams several per node, and the stream should not cost an object each.
/// </summary>
/// <remarks>
/// The scheduler's own steps of a node in flight (<see cref="NodeUpdateKind.CheckFinished"/>,
/// <see cref="NodeUpdateKind.ImageFinished"/>, <see cref="NodeUpdateKind.ImageWaiting"/>) carry the parts of that
/// state and build <see cref="Node"/> when it is read: most consumers only need the kind of such a step, and a node
/// then costs no snapshot object per step (docs/design.md §4 item 2). Each read builds an equal instance.
/// </remarks>
/// <param name="Kind">What happened.</param>
/// <param name="Node">The node's state after the step.</param>
/// <param name="Image">The image that finished, for <see cref="NodeUpdateKind.ImageFinished"/>.</param>
public readonly record struct NodeUpdate(NodeUpdateKind Kind, NodeTaskResult Node, ImageResult? Image = null)
{
    private readonly NodeTaskResult? _node = Node;

    // For a step built when read: the node's name (set only then), its finished actions (an ActionResult[], or the
    // one ActionResult of a finished check, so that step costs no array) and its images shown.
    private readonly string? _nodeName;
    private readonly object? _actions;
    private readonly IReadOnlyList<ImageResult>? _images;

    /// <summary>A step of a node in flight, whose <c>InProgress</c> state is built when read.</summary>
    internal NodeUpdate(NodeUpdateKind kind, string nodeName, object actions, IReadOnlyList<ImageResult> images, ImageResult? image)
        : this(kind, null!, image)
    {
        _nodeName = nodeName;
        _actions = actions;
        _images = images;
    }

    /// <summary>The node's state after the step.</summary>
    public NodeTaskResult Node
    {
        get => _node ?? Build();
        init
        {
            _node = value;
            _nodeName = null;
            _actions = null;
            _images = null;
        }
    }

    private NodeTaskResult Build() =>
        _nodeName is null
            ? null!
            : new NodeTaskResult(_nodeName, NodeTaskPhases.InProgress, null, _actions is ActionResult check ? [check] : (IReadOnlyList<ActionResult>)_actions!, _images!);
}
