namespace KubeEdge.PrePull.Runtime.Registries;

/// <summary>
/// The size of an image as its manifest states it (docs/design.md §2 "Space check").
/// </summary>
/// <param name="CompressedBytes">The config plus every layer, as downloaded.</param>
/// <param name="Digest">The digest of the manifest the sizes came from (the platform's manifest for an index).</param>
internal sealed record ImageSize(long CompressedBytes, string Digest)
{
    /// <summary>The space the pull is expected to need: the download and its unpacked copy, twice the compressed size.</summary>
    public long RequiredBytes => CompressedBytes * 2;
}
