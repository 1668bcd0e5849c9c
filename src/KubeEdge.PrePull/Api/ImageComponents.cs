namespace KubeEdge.PrePull.Api;

/// <summary>The parts of an image reference an <see cref="ImageOverrider"/> can change.</summary>
public static class ImageComponents
{
    /// <summary>The registry host (and port).</summary>
    public const string Registry = "Registry";

    /// <summary>The repository path.</summary>
    public const string Repository = "Repository";

    /// <summary>The tag (or digest).</summary>
    public const string Tag = "Tag";

    /// <summary>All of them, in the order the CRD lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Registry, Repository, Tag];
}
