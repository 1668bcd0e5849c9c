using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Images;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Registries;

/// <summary>
/// Resolves a job's tags to digests when it starts (docs/design.md §2 "Pinned digests"): each distinct resolved
/// image of the plan once, with the job's credentials for its registry (tried in order; anonymous when there are
/// none). Digests a resumed job recorded in <c>status.imageDigests</c> are reused without asking the registry, so a
/// tag moved during a long rollout does not split the fleet.
/// </summary>
internal sealed class DigestPinner(RegistryClient client)
{
    /// <summary>Pins the images of <paramref name="plan"/>, reusing what <paramref name="job"/>'s status recorded.</summary>
    public Task<PinnedDigests> PinAsync(ImagePrePullJob job, JobPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(plan);
        return PinAsync(job.Status?.ImageDigests, plan.DistinctPlans.SelectMany(p => p.Images), cancellationToken);
    }

    /// <summary>Pins <paramref name="images"/>, reusing the <paramref name="recordedDigests"/> of an earlier start.</summary>
    public async Task<PinnedDigests> PinAsync(IEnumerable<ImageDigest>? recordedDigests, IEnumerable<ImagePlan> images, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(images);
        var recorded = (recordedDigests ?? [])
            .Where(r => r.ResolvedImage is not null && r.Digest is not null)
            .GroupBy(r => r.ResolvedImage!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var records = new List<ImageDigest>();
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var image in images)
        {
            if (image.Error is not null || image.ResolvedImage is not { } resolved || !seen.Add(resolved))
            {
                continue;
            }

            if (recorded.TryGetValue(resolved, out var kept))
            {
                records.Add(kept);
                continue;
            }

            var reference = ImageReference.Parse(resolved);
            if (reference.Digest is not null)
            {
                continue;
            }

            try
            {
                var digest = await ResolveAsync(reference, image.Credentials, cancellationToken).ConfigureAwait(false);
                records.Add(new ImageDigest { Image = image.Image, ResolvedImage = resolved, Digest = digest });
            }
            catch (RegistryException e)
            {
                errors[resolved] = e.Message;
            }
        }

        return new PinnedDigests(records, errors);
    }

    private async Task<string> ResolveAsync(ImageReference image, IReadOnlyList<PullCredential> credentials, CancellationToken cancellationToken)
    {
        if (credentials.Count == 0)
        {
            return await client.ResolveDigestAsync(image, null, cancellationToken).ConfigureAwait(false);
        }

        RegistryException? last = null;
        foreach (var credential in credentials)
        {
            try
            {
                return await client.ResolveDigestAsync(image, credential, cancellationToken).ConfigureAwait(false);
            }
            catch (RegistryException e) when (e.Kind == PullFailureKind.Unauthorized)
            {
                // The next credential may be the one this registry accepts, as the pullers try them (docs/design.md §2 "Credentials").
                last = e;
            }
        }

        throw last!;
    }
}
