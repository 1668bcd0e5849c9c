namespace KubeEdge.PrePull.Overrides;

/// <summary>
/// Karmada's non-normalized view of an image reference, which image overriders edit: no <c>docker.io</c>, no
/// <c>library/</c>, no default tag. The first path segment is a host only if it contains <c>.</c> or <c>:</c> or is
/// <c>localhost</c> (no uppercase rule). A reference with both a tag and a digest keeps the tag and drops the digest.
/// </summary>
/// <remarks>Split only strings that are valid references; the split itself does not check the grammar.</remarks>
internal sealed class OverrideImage
{
    private OverrideImage(string hostname, string repository, string tag, string digest)
    {
        Hostname = hostname;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    public string Hostname { get; set; }

    public string Repository { get; set; }

    /// <summary>The tag, or empty; when set, <see cref="Digest"/> is empty.</summary>
    public string Tag { get; private set; }

    /// <summary>The digest (<c>algorithm:hex</c>), or empty; when set, <see cref="Tag"/> is empty.</summary>
    public string Digest { get; private set; }

    /// <summary>The tag if there is one, else the digest.</summary>
    public string TagOrDigest => Tag.Length > 0 ? Tag : Digest;

    public static OverrideImage Split(string reference)
    {
        var name = reference;
        var digest = string.Empty;
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = name[(at + 1)..];
            name = name[..at];
        }

        var tag = string.Empty;
        var colon = name.LastIndexOf(':');
        if (colon > name.LastIndexOf('/'))
        {
            tag = name[(colon + 1)..];
            name = name[..colon];
        }

        var hostname = string.Empty;
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            var first = name[..slash];
            if (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost")
            {
                hostname = first;
                name = name[(slash + 1)..];
            }
        }

        // Karmada reads the tag first: a reference with both keeps only the tag.
        return new OverrideImage(hostname, name, tag, tag.Length > 0 ? string.Empty : digest);
    }

    /// <summary>
    /// Sets a tag when <paramref name="value"/> is a valid tag, a digest when it is a valid digest, and otherwise
    /// does nothing (Karmada's silent no-op).
    /// </summary>
    public void SetTagOrDigest(string value)
    {
        if (TagOrDigestSyntax.IsTag(value))
        {
            Tag = value;
            Digest = string.Empty;
        }
        else if (TagOrDigestSyntax.IsDigest(value))
        {
            Digest = value;
            Tag = string.Empty;
        }
    }

    /// <summary>Clears the tag if there is one, else the digest.</summary>
    public void RemoveTagOrDigest()
    {
        if (Tag.Length > 0)
        {
            Tag = string.Empty;
        }
        else
        {
            Digest = string.Empty;
        }
    }

    public override string ToString()
    {
        var repository = Hostname.Length == 0 ? Repository : Hostname + "/" + Repository;
        return Tag.Length > 0 ? repository + ":" + Tag : Digest.Length > 0 ? repository + "@" + Digest : repository;
    }
}
