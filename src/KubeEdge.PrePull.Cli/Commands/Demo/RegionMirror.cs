namespace KubeEdge.PrePull.Cli.Commands.Demo;

/// <summary>A region whose nodes pull through a regional mirror with its own secret (one override rule of the job).</summary>
/// <param name="Region">The value of <c>topology.kubernetes.io/region</c>.</param>
/// <param name="Mirror">The account of the region's mirror registry.</param>
internal sealed record RegionMirror(string Region, RegistryAccount Mirror);
