namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>One container of a pull pod: the container name and the resolved image it pulls.</summary>
/// <param name="Name">Container name (<c>image-N</c>).</param>
/// <param name="Image">The resolved image reference.</param>
internal sealed record PodContainer(string Name, string Image);
