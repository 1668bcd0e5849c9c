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

    /// <summary>Images waiting for their registry now (an up-down counter), by <see cref="RegistryTag"/> and <see cref="CauseTag"/> (docs/design.md §2 "Registry budget").</summary>
    public const string RegistryWaitingInstrument = "kubeedge.prepull.registry.waiting";

    /// <summary>How long images waited for their registry, in seconds, by <see cref="RegistryTag"/> and <see cref="CauseTag"/>.</summary>
    public const string RegistryWaitDurationInstrument = "kubeedge.prepull.registry.wait.duration";

    /// <summary>429 / <c>toomanyrequests</c> answers that backed a registry off fleet-wide, by <see cref="RegistryTag"/>.</summary>
    public const string RegistryBackoffsInstrument = "kubeedge.prepull.registry.backoffs";

    /// <summary>The tag holding a registry host (e.g. <c>docker.io</c>).</summary>
    public const string RegistryTag = "registry";

    /// <summary>The tag holding why an image waits: <c>slot</c> (the registry's budget is in use) or <c>ratelimit</c> (a 429 back-off).</summary>
    public const string CauseTag = "cause";

    /// <summary>The tag holding a result.</summary>
    public const string ResultTag = "result";

    /// <summary>The tag holding the pulling backend's name.</summary>
    public const string BackendTag = "backend";

    /// <summary>The source of the job and node spans.</summary>
    internal static readonly ActivitySource ActivitySource = new(Name);
}
