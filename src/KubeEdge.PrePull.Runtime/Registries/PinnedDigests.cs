using System.Collections.Concurrent;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Images;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Registries;

/// <summary>
/// The digests a job with <c>pinDigests</c> pulls (docs/design.md §2 "Pinned digests"): per resolved image (after
/// overrides), the manifest digest its tag pointed at when it was resolved, or the registry's answer when it could
/// not be resolved. <see cref="Apply"/> rewrites a node's plan to pull <c>repository@digest</c>; an image that could
/// not be resolved, or has no digest, fails and never falls back to the tag. The controller and the edge agents apply
/// pins through this one type.
/// </summary>
/// <remarks>
/// A resolved image no digest was recorded for takes the digest recorded for the same spec image, at its own
/// repository (a mirror serves the same content by digest): so a node planned later, or an agent whose overrides
/// send it elsewhere, pulls the content the fleet pulls. Digests resolved later (<see cref="Add"/>) join
/// <see cref="Records"/>; reads and additions may run concurrently.
/// </remarks>
internal sealed class PinnedDigests
{
    private readonly Lock _gate = new();
    private readonly List<ImageDigest> _records = [];
    private readonly Dictionary<string, string> _digests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _bySpecImage = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _errors;
    private readonly ConcurrentDictionary<NodePlan, NodePlan> _applied = new(ReferenceEqualityComparer.Instance);

    public PinnedDigests(IReadOnlyList<ImageDigest> records, IReadOnlyDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(errors);
        _errors = new Dictionary<string, string>(errors, StringComparer.Ordinal);
        foreach (var record in records)
        {
            Add(record);
        }
    }

    /// <summary>What <c>status.imageDigests</c> holds: one entry per resolved image that has a digest (a copy).</summary>
    public IReadOnlyList<ImageDigest> Records
    {
        get
        {
            lock (_gate)
            {
                return [.. _records];
            }
        }
    }

    /// <summary>The pins an edge agent applies: what the controller recorded in <c>status.imageDigests</c>, no registry asked.</summary>
    public static PinnedDigests Recorded(IEnumerable<ImageDigest>? recorded) =>
        new([.. (recorded ?? []).Where(r => r.ResolvedImage is not null && r.Digest is not null)], new Dictionary<string, string>());

    /// <summary>The digest pinned for <paramref name="resolvedImage"/>, or <see langword="null"/>.</summary>
    public string? DigestOf(string resolvedImage)
    {
        lock (_gate)
        {
            return _digests.GetValueOrDefault(resolvedImage);
        }
    }

    /// <summary>
    /// Whether <paramref name="image"/> of a node planned later must be resolved through the registry: it pulls a tag
    /// that has no digest, no registry answer, and whose spec image has no digest recorded at all.
    /// </summary>
    public bool NeedsResolving(ImagePlan image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Error is not null || image.ResolvedImage is not { } resolved || ImageReference.Parse(resolved).Digest is not null)
        {
            return false;
        }

        lock (_gate)
        {
            return !_digests.ContainsKey(resolved) && !_errors.ContainsKey(resolved) && !_bySpecImage.ContainsKey(image.Image);
        }
    }

    /// <summary>Records a digest (a resolved image's first record wins).</summary>
    public void Add(ImageDigest record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.ResolvedImage is not { } resolved || record.Digest is not { } digest)
        {
            return;
        }

        lock (_gate)
        {
            if (_digests.TryAdd(resolved, digest))
            {
                _records.Add(record);
                if (record.Image is { } image)
                {
                    _bySpecImage.TryAdd(image, digest);
                }
            }
        }
    }

    /// <summary>Records the registry's answer for a tag that could not be resolved.</summary>
    public void AddError(string resolvedImage, string answer)
    {
        lock (_gate)
        {
            _errors.TryAdd(resolvedImage, answer);
        }
    }

    /// <summary>The plan with every resolved image (and its fallback) pinned; plans shared by nodes are rewritten once.</summary>
    public NodePlan Apply(NodePlan plan) => _applied.GetOrAdd(plan, p => new NodePlan([.. p.Images.Select(Pin)]));

    /// <summary><paramref name="image"/>'s repository at <paramref name="digest"/>: <c>name@digest</c>.</summary>
    public static string AtDigest(string image, string digest) => $"{ImageReference.Parse(image).Name}@{digest}";

    private ImagePlan Pin(ImagePlan image)
    {
        if (image.Error is not null || image.ResolvedImage is not { } resolved || ImageReference.Parse(resolved).Digest is not null)
        {
            return image;
        }

        string? digest;
        string? answer;
        lock (_gate)
        {
            // The resolved image's own digest, else its registry's answer, else the digest recorded for its spec image
            // (docs/design.md §2 "Pinned digests").
            answer = _errors.GetValueOrDefault(resolved);
            digest = _digests.GetValueOrDefault(resolved) ?? (answer is null ? _bySpecImage.GetValueOrDefault(image.Image) : null);
        }

        if (digest is not null)
        {
            // A mirror serves the same content by digest (docs/design.md §2 "Pinned digests").
            return image with
            {
                ResolvedImage = AtDigest(resolved, digest),
                FallbackImage = image.FallbackImage is { } fallback ? AtDigest(fallback, digest) : null,
            };
        }

        var error = answer is not null
            ? $"pinDigests: the tag of {resolved} could not be resolved: {answer}"
            : $"pinDigests: no digest is recorded in status.imageDigests for {image.Image} (resolved here to {resolved}); the tag is not pulled";
        return image with { ResolvedImage = null, Error = error };
    }
}
