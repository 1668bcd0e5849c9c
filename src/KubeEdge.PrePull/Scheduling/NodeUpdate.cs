using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>
/// One step of a running job, with the node's whole state after it (so a consumer can just replace its entry).
/// A struct: a job streams several per node, and the stream should not cost an object each.
/// </summary>
/// <remarks>
/// The scheduler's own steps of a node in flight (<see cref="NodeUpdateKind.Dispatched"/>,
/// <see cref="NodeUpdateKind.CheckFinished"/>, <see cref="NodeUpdateKind.ImageFinished"/>,
/// <see cref="NodeUpdateKind.ImageWaiting"/>) carry the parts of that state and build <see cref="Node"/> when it is
/// read: most consumers only need the kind of such a step, and a node then costs no snapshot object per step
/// (docs/design.md §4 item 2). Each read builds an equal instance. The <see cref="NodeUpdateKind.Finished"/> update
/// of a node that succeeded the common way reads its state from the run, which keeps it as values and builds it on
/// the first read (<c>SucceededNodes</c>).
/// </remarks>
/// <param name="Kind">What happened.</param>
/// <param name="Node">The node's state after the step.</param>
/// <param name="Image">The image that finished, for <see cref="NodeUpdateKind.ImageFinished"/>.</param>
public readonly record struct NodeUpdate(NodeUpdateKind Kind, NodeTaskResult Node, ImageResult? Image = null)
{
    // The node's state, or for a step built when read the node's name (one field: the stream stores every update).
    private readonly object? _node = Node;

    // For a step built when read: its finished actions, or instead the time of its passed Check (its only action
    // then, so that step costs no object), and its images shown.
    private readonly IReadOnlyList<ActionResult>? _actions;
    private readonly IReadOnlyList<ImageResult>? _images;
    private readonly DateTimeOffset _checkPassedAt;
    // For a finished node kept as values (_node is then its SucceededNodes): its position there.
    private readonly int _index;

    /// <summary>A step of a node in flight, whose <c>InProgress</c> state is built when read.</summary>
    internal NodeUpdate(NodeUpdateKind kind, string nodeName, IReadOnlyList<ActionResult> actions, IReadOnlyList<ImageResult> images, ImageResult? image)
        : this(kind, null!, image)
    {
        _node = nodeName;
        _actions = actions;
        _images = images;
    }

    /// <summary>A step of a node in flight whose only action is a passed Check, finished at <paramref name="checkPassedAt"/>.</summary>
    internal NodeUpdate(NodeUpdateKind kind, string nodeName, DateTimeOffset checkPassedAt, IReadOnlyList<ImageResult> images, ImageResult? image)
        : this(kind, null!, image)
    {
        _node = nodeName;
        _checkPassedAt = checkPassedAt;
        _images = images;
    }

    /// <summary>The end of a node that succeeded, kept at <paramref name="index"/> of <paramref name="succeeded"/>.</summary>
    internal NodeUpdate(SucceededNodes succeeded, int index)
        : this(NodeUpdateKind.Finished, null!, null)
    {
        _node = succeeded;
        _index = index;
    }

    /// <summary>The node's state after the step.</summary>
    public NodeTaskResult Node
    {
        get => _node as NodeTaskResult ?? Build();
        init
        {
            _node = value;
            _actions = null;
            _images = null;
            _checkPassedAt = default;
            _index = 0;
        }
    }

    private NodeTaskResult Build() =>
        _node is SucceededNodes succeeded ? succeeded.Get(_index)
        : _node is not string nodeName ? null!
        : new NodeTaskResult(nodeName, NodeTaskPhases.InProgress, null, _actions ?? [new ActionResult(NodeActions.Check, true, null, _checkPassedAt)], _images!);
}
