namespace KubeEdge.PrePull.Runtime.Registries;

/// <summary>
/// The manifest media types the registry client asks for (docs/design.md §2 "Pinned digests"). Offering the index
/// and list types first means a multi-arch tag answers with its index digest, the one every architecture shares.
/// </summary>
internal static class ManifestMediaTypes
{
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";

    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>Every type, in the order of the <c>Accept</c> header.</summary>
    public static readonly string[] All = [OciIndex, DockerManifestList, OciManifest, DockerManifest];

    /// <summary>Whether <paramref name="mediaType"/> is an index (a manifest of manifests).</summary>
    public static bool IsIndex(string? mediaType) =>
        string.Equals(mediaType, OciIndex, StringComparison.Ordinal) || string.Equals(mediaType, DockerManifestList, StringComparison.Ordinal);
}
