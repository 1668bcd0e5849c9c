using System.Collections.Concurrent;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Images;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Registries;

/// <summary>
/// The digests a job with <c>pinDigests</c> pulls (docs/design.md §2 "Pinned digests"): per resolved image (after
/// overrides), the manifest digest its tag pointed at when the job started, or the registry's answer when it could
/// not be resolved. <see cref="Apply"/> rewrites a node's plan to pull <c>repository@digest</c>; an image that could
/// not be resolved fails with the registry's answer and never falls back to the tag.
/// </summary>
internal sealed class PinnedDigests
{
    private readonly Dictionary<string, string> _digests;
    private readonly IReadOnlyDictionary<string, string> _errors;
    private readonly ConcurrentDictionary<NodePlan, NodePlan> _applied = new(ReferenceEqualityComparer.Instance);

    public PinnedDigests(IReadOnlyList<ImageDigest> records, IReadOnlyDictionary<string, string> errors)
    {
        Records = records;
        _digests = records
            .Where(r => r.ResolvedImage is not null && r.Digest is not null)
            .GroupBy(r => r.ResolvedImage!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Digest!, StringComparer.Ordinal);
        _errors = errors;
    }

    /// <summary>What <c>status.imageDigests</c> holds: one entry per resolved image that has a digest.</summary>
    public IReadOnlyList<ImageDigest> Records { get; }

    /// <summary>The digest pinned for <paramref name="resolvedImage"/>, or <see langword="null"/>.</summary>
    public string? DigestOf(string resolvedImage) => _digests.GetValueOrDefault(resolvedImage);

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

        if (_digests.TryGetValue(resolved, out var digest))
        {
            // A mirror serves the same content by digest (docs/design.md §2 "Pinned digests").
            return image with
            {
                ResolvedImage = AtDigest(resolved, digest),
                FallbackImage = image.FallbackImage is { } fallback ? AtDigest(fallback, digest) : null,
            };
        }

        var error = _errors.TryGetValue(resolved, out var answer)
            ? $"pinDigests: the tag of {resolved} could not be resolved: {answer}"
            : $"pinDigests: {resolved} was not resolved when the job started (a node planned later resolved to an image no node had at the start)";
        return image with { ResolvedImage = null, Error = error };
    }
}
