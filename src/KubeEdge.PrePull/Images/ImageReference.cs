using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using KubeEdge.PrePull.Images.Internal;

namespace KubeEdge.PrePull.Images;

/// <summary>
/// A container image reference, parsed and normalized as the kubelet and containerd do (distribution/reference's
/// <c>ParseNormalizedNamed</c>): <c>nginx</c> is <c>docker.io/library/nginx</c>, <c>index.docker.io</c> is
/// <c>docker.io</c>, a first segment with upper case is a domain. Two references are equal when their normalized
/// forms are equal.
/// </summary>
/// <remarks>
/// The parser is a hand-written scanner: it allocates this object, plus the normalized string only when it differs
/// from the input. The other strings are cut from the normalized form on first use.
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class ImageReference : IEquatable<ImageReference>
{
    private const string DefaultTag = "latest";

    private readonly string _value;
    private readonly int _domainLength;
    private readonly int _pathStart;
    private readonly int _nameLength;
    private readonly int _tagStart;
    private readonly int _digestStart;

    private string? _domain;
    private string? _path;
    private string? _name;
    private string? _dockerReference;
    private string? _familiarName;

    internal ImageReference(string value, int domainLength, int pathStart, int nameLength, int tagStart, int digestStart)
    {
        _value = value;
        _domainLength = domainLength;
        _pathStart = pathStart;
        _nameLength = nameLength;
        _tagStart = tagStart;
        _digestStart = digestStart;
    }

    /// <summary>The registry host with its port, e.g. <c>docker.io</c> or <c>registry.example.com:5000</c>.</summary>
    /// <remarks>Empty only in the rare case upstream allows too: a first segment that is no valid host name but a valid path component (e.g. <c>a_b.c/d</c>).</remarks>
    public string Domain => _domain ??= _value[.._domainLength];

    /// <summary>The repository path inside the registry, e.g. <c>library/nginx</c>.</summary>
    public string Path => _path ??= _value[_pathStart.._nameLength];

    /// <summary>The tag, or <see langword="null"/> when the reference has none (it may still have a digest).</summary>
    public string? Tag => _tagStart < 0 ? null : _value[_tagStart..(_digestStart < 0 ? _value.Length : _digestStart - 1)];

    /// <summary>The digest (<c>algorithm:hex</c>), or <see langword="null"/>.</summary>
    public string? Digest => _digestStart < 0 ? null : _value[_digestStart..];

    /// <summary>The repository name without tag or digest: <c>Domain/Path</c>. This is what the kubelet's keyring matches.</summary>
    public string Name => _name ??= _nameLength == _value.Length ? _value : _value[.._nameLength];

    /// <summary>
    /// The reference a runtime pulls (distribution/reference's <c>ParseDockerRef</c>): <c>:latest</c> is added when
    /// there is neither tag nor digest, and the tag is dropped when there are both.
    /// </summary>
    public string DockerReference => _dockerReference ??= (_tagStart < 0, _digestStart < 0) switch
    {
        (true, true) => _value + ":" + DefaultTag,
        (false, false) => string.Concat(_value.AsSpan(0, _nameLength), "@", _value.AsSpan(_digestStart)),
        _ => _value,
    };

    /// <summary>
    /// The short name users write (<c>FamiliarName</c>): without <c>docker.io/</c>, and without <c>library/</c> when
    /// nothing else follows; no tag or digest.
    /// </summary>
    public string FamiliarName => _familiarName ??= ComputeFamiliarName();

    /// <summary>Parses and normalizes a reference.</summary>
    /// <param name="input">The reference as written, e.g. <c>nginx:1.27</c>.</param>
    /// <returns>The parsed reference.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The input is not a valid reference; the message is upstream's error text.</exception>
    public static ImageReference Parse(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return NormalizedReferenceParser.Parse(input, out var error) ?? throw new FormatException(error);
    }

    /// <summary>Parses and normalizes a reference without throwing.</summary>
    /// <param name="input">The reference as written; <see langword="null"/> is rejected like an empty string.</param>
    /// <param name="reference">The parsed reference, or <see langword="null"/> when invalid.</param>
    /// <param name="error">Upstream's error text (e.g. <c>invalid reference format</c>), or <see langword="null"/> when valid.</param>
    /// <returns><see langword="true"/> when the input is a valid reference.</returns>
    public static bool TryParse(
        [NotNullWhen(true)] string? input,
        [NotNullWhen(true)] out ImageReference? reference,
        [NotNullWhen(false)] out string? error)
    {
        reference = NormalizedReferenceParser.Parse(input ?? string.Empty, out error);
        return reference is not null;
    }

    /// <summary>The normalized reference, e.g. <c>docker.io/library/nginx:1.27</c>.</summary>
    /// <returns>The normalized form.</returns>
    public override string ToString() => _value;

    /// <inheritdoc />
    public bool Equals(ImageReference? other) => other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ImageReference);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_value);

    private string ComputeFamiliarName()
    {
        if (!Domain.Equals("docker.io", StringComparison.Ordinal))
        {
            return Name;
        }

        var path = _value.AsSpan(_pathStart, _nameLength - _pathStart);
        return path.StartsWith("library/", StringComparison.Ordinal) && !path[8..].Contains('/') ? path[8..].ToString() : Path;
    }
}
