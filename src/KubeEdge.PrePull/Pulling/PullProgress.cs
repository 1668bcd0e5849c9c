namespace KubeEdge.PrePull.Pulling;

/// <summary>Progress of one pull.</summary>
/// <param name="NodeName">The node.</param>
/// <param name="Image">The reference being pulled.</param>
/// <param name="CurrentBytes">Bytes downloaded so far.</param>
/// <param name="TotalBytes">Bytes to download, when known.</param>
public sealed record PullProgress(string NodeName, string Image, long CurrentBytes, long? TotalBytes);
