namespace KubeEdge.PrePull.Runtime.Pulling.Cri;

/// <summary>What a CRI runtime said about itself in answer to <c>RuntimeService.Version</c>.</summary>
/// <param name="RuntimeName">E.g. <c>containerd</c>.</param>
/// <param name="RuntimeVersion">E.g. <c>1.7.24</c>.</param>
/// <param name="RuntimeApiVersion">The CRI version it serves; always <c>v1</c> once the probe passed.</param>
public sealed record CriRuntimeVersion(string RuntimeName, string RuntimeVersion, string RuntimeApiVersion);
