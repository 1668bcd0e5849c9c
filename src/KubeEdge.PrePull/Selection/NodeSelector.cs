using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Selection;

/// <summary>
/// Chooses the nodes of a job from a snapshot of the cluster's nodes, with upstream's rules and texts
/// (<c>node_verify.go</c>), plus de-duplication of names. Invalid nodes stay in the result and count as failed.
/// </summary>
public static class NodeSelector
{
    private static readonly NodeSelectionOptions DefaultOptions = new();

    /// <summary>Selects the nodes a job's template names or matches.</summary>
    /// <param name="template">The job's template; exactly one of <c>nodeNames</c> and <c>labelSelector</c> is used.</param>
    /// <param name="nodes">The cluster's nodes.</param>
    /// <param name="labelSelectorMatches">
    /// Whether a node's labels match the template's <c>labelSelector</c> (the caller compiles the selector); required
    /// when the template has one.
    /// </param>
    /// <param name="options">The edge-label rule; <see langword="null"/> for the defaults.</param>
    /// <returns>The nodes, or the reason the job selects none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="template"/> or <paramref name="nodes"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The template has a <c>labelSelector</c> and <paramref name="labelSelectorMatches"/> is <see langword="null"/>.</exception>
    public static NodeSelection Select(
        ImagePrePullTemplate template,
        IEnumerable<NodeInfo> nodes,
        Func<IReadOnlyDictionary<string, string>, bool>? labelSelectorMatches,
        NodeSelectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(nodes);
        if (CheckNodeDefinition(template) is { } error)
        {
            return new NodeSelection([], error);
        }

        if (template.NodeNames is { Count: > 0 })
        {
            return SelectByNames(template.NodeNames, nodes, options);
        }

        if (labelSelectorMatches is null)
        {
            throw new ArgumentException("The template has a labelSelector, so a matcher for it is required.", nameof(labelSelectorMatches));
        }

        return SelectByLabels(nodes, labelSelectorMatches, options);
    }

    /// <summary>
    /// Upstream's verdict on how a template names its nodes (<c>VerifyNodeDefine</c>): both <c>nodeNames</c> and
    /// <c>labelSelector</c>, or neither, give upstream's text, which the controller puts first in the reason of an
    /// invalid job (docs/design.md §2 "Validation").
    /// </summary>
    /// <param name="template">The job's template.</param>
    /// <returns><see cref="NodeSelectionReasons.BothSpecified"/>, <see cref="NodeSelectionReasons.NeitherSpecified"/>, or <see langword="null"/> when exactly one is set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="template"/> is <see langword="null"/>.</exception>
    public static string? CheckNodeDefinition(ImagePrePullTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var hasNames = template.NodeNames is { Count: > 0 };
        var hasSelector = template.LabelSelector is not null;
        return hasNames && hasSelector ? NodeSelectionReasons.BothSpecified
            : !hasNames && !hasSelector ? NodeSelectionReasons.NeitherSpecified
            : null;
    }

    /// <summary>Selects nodes by name: one entry per distinct name, in list order (the first occurrence wins).</summary>
    /// <param name="nodeNames">The names, as written in the spec.</param>
    /// <param name="nodes">The cluster's nodes.</param>
    /// <param name="options">The edge-label rule; <see langword="null"/> for the defaults.</param>
    /// <returns>The nodes, missing / not-edge / not-ready ones with upstream's reason.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static NodeSelection SelectByNames(IEnumerable<string> nodeNames, IEnumerable<NodeInfo> nodes, NodeSelectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(nodeNames);
        ArgumentNullException.ThrowIfNull(nodes);
        options ??= new NodeSelectionOptions();
        var byName = new Dictionary<string, NodeInfo>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            byName.TryAdd(node.Name, node);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var selected = new List<SelectedNode>();
        foreach (var name in nodeNames)
        {
            if (!seen.Add(name))
            {
                continue;
            }

            selected.Add(byName.TryGetValue(name, out var node)
                ? new SelectedNode(name, Verify(node, options))
                : new SelectedNode(name, NodeSelectionReasons.NodeNotFound(name)));
        }

        return Result(selected);
    }

    /// <summary>Selects the nodes whose labels match, ordered by name so that a re-selection lists them alike.</summary>
    /// <param name="nodes">The cluster's nodes.</param>
    /// <param name="labelSelectorMatches">Whether a node's labels match the job's selector.</param>
    /// <param name="options">The edge-label rule; <see langword="null"/> for the defaults.</param>
    /// <returns>The matching nodes, not-edge / not-ready ones with upstream's reason (as upstream lists them).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static NodeSelection SelectByLabels(
        IEnumerable<NodeInfo> nodes,
        Func<IReadOnlyDictionary<string, string>, bool> labelSelectorMatches,
        NodeSelectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(labelSelectorMatches);
        options ??= new NodeSelectionOptions();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var selected = new List<SelectedNode>();
        foreach (var node in nodes)
        {
            if (labelSelectorMatches(node.Labels) && seen.Add(node.Name))
            {
                selected.Add(new SelectedNode(node.Name, Verify(node, options)));
            }
        }

        selected.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return Result(selected);
    }

    private static NodeSelection Result(List<SelectedNode> selected) =>
        selected.Count == 0 ? new NodeSelection([], NodeSelectionReasons.NoNodesMatched) : new NodeSelection(selected);

    /// <summary>
    /// Upstream's verdict on one node: <see cref="NodeSelectionReasons.NotEdgeNode"/>, <see cref="NodeSelectionReasons.NotReady"/>
    /// or <see langword="null"/> when it can run a job. The edge label is checked before readiness, as upstream does,
    /// so a not-ready cloud node reports "not an edge node".
    /// </summary>
    /// <param name="node">The node.</param>
    /// <param name="options">The edge-label rule; <see langword="null"/> for the defaults.</param>
    /// <returns>Why the node cannot run a job, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is <see langword="null"/>.</exception>
    public static string? Verify(NodeInfo node, NodeSelectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        options ??= DefaultOptions;
        if (options.RequireEdgeLabel
            && !(node.Labels.TryGetValue(options.EdgeLabel, out var value) && value.Length == 0))
        {
            return NodeSelectionReasons.NotEdgeNode;
        }

        return node.IsReady ? null : NodeSelectionReasons.NotReady;
    }
}
