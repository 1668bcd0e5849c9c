namespace KubeEdge.PrePull.Testing.Fleet;

/// <summary>A batch of simulated edge nodes for <see cref="SimulatedFleet.AddNodes(NodeFleetOptions)"/>.</summary>
public sealed class NodeFleetOptions
{
    /// <summary>Label marking edge nodes, set when <see cref="EdgeRole"/> is true.</summary>
    public const string EdgeRoleLabel = "node-role.kubernetes.io/edge";

    /// <summary>Label carrying the region of <see cref="Regions"/>.</summary>
    public const string RegionLabel = "topology.kubernetes.io/region";

    /// <summary>How many nodes (default 1).</summary>
    public int Count { get; set; } = 1;

    /// <summary>Name prefix; nodes are named PREFIX + a zero-padded index (default <c>edge-node-</c>).</summary>
    public string NamePrefix { get; set; } = "edge-node-";

    /// <summary>Regions assigned round-robin as <see cref="RegionLabel"/> (default none).</summary>
    public IList<string> Regions { get; } = [];

    /// <summary>Extra labels on every node (default none).</summary>
    public IDictionary<string, string> Labels { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Whether nodes carry <c>node-role.kubernetes.io/edge: ""</c> (default true).</summary>
    public bool EdgeRole { get; set; } = true;

    /// <summary>How many of the batch's last nodes are NotReady (default 0); their kubelets do nothing.</summary>
    public int NotReadyCount { get; set; }

    /// <summary>Kubelet version reported in <c>status.nodeInfo</c> (default a KubeEdge edgecore version).</summary>
    public string KubeletVersion { get; set; } = "v1.30.7-kubeedge-v1.21.0";
}
