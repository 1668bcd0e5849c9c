namespace KubeEdge.PrePull.Credentials.Internal;

/// <summary>The kubelet's Docker Hub fallback: a key for <c>https://index.docker.io/v1/</c> covers Hub images.</summary>
internal static class DockerHub
{
    /// <summary>The index key that <c>https://index.docker.io/v1/</c> becomes.</summary>
    public const string IndexKey = "index.docker.io";

    /// <summary>
    /// The kubelet's <c>isDefaultRegistryMatch</c>: the first segment is the whole (non-empty) name, or
    /// <c>docker.io</c>/<c>index.docker.io</c>, or has neither <c>.</c> nor <c>:</c>.
    /// </summary>
    public static bool IsDefaultRegistryMatch(ReadOnlySpan<char> image)
    {
        var slash = image.IndexOf('/');
        var first = slash < 0 ? image : image[..slash];
        if (first.IsEmpty)
        {
            return false;
        }

        return slash < 0
            || first.SequenceEqual("docker.io")
            || first.SequenceEqual(IndexKey)
            || first.IndexOfAny('.', ':') < 0;
    }
}
