namespace KubeEdge.PrePull.Planning;

/// <summary>What planning needs to know about one selected node: its name and labels.</summary>
/// <param name="Name">The node's name.</param>
/// <param name="Labels">
/// The node's labels. Nodes may share one dictionary instance; the planner only reads it, and never keeps more than
/// one per distinct label set.
/// </param>
public sealed partial record NodeSnapshot(string Name, IReadOnlyDictionary<string, string> Labels);
