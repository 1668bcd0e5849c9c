using System.Diagnostics;

namespace KubeEdge.PrePull.Runtime.Telemetry;

/// <summary>The names of the controller's meter, instruments, tags and spans (users name them in dashboards).</summary>
public static class PrePullTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> and of the <see cref="ActivitySource"/>.</summary>
    public const string Name = "KubeEdge.PrePull";

    /// <summary>Jobs that finished, by <see cref="ResultTag"/> (<c>Completed</c> or <c>Failure</c>).</summary>
    public const string JobsInstrument = "kubeedge.prepull.jobs";

    /// <summary>Nodes that finished, by <see cref="ResultTag"/> (the node's phase).</summary>
    public const string NodesInstrument = "kubeedge.prepull.nodes";

    /// <summary>Pull attempts, by <see cref="ResultTag"/> (<c>success</c> or the failure kind) and <see cref="BackendTag"/>.</summary>
    public const string ImagePullsInstrument = "kubeedge.prepull.image.pulls";

    /// <summary>How long a pull attempt took, in seconds, by <see cref="ResultTag"/> and <see cref="BackendTag"/>.</summary>
    public const string ImagePullDurationInstrument = "kubeedge.prepull.image.pull.duration";

    /// <summary>The tag holding a result.</summary>
    public const string ResultTag = "result";

    /// <summary>The tag holding the pulling backend's name.</summary>
    public const string BackendTag = "backend";

    /// <summary>The source of the job and node spans.</summary>
    internal static readonly ActivitySource ActivitySource = new(Name);
}
