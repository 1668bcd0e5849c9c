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
    /// <remarks>
    /// A resolved image the earlier start did not record (a node planned later then, or one whose labels changed)
    /// whose spec image has a recorded digest is not resolved: it takes that digest (docs/design.md §2 "Pinned digests").
    /// </remarks>
    public async Task<PinnedDigests> PinAsync(IEnumerable<ImageDigest>? recordedDigests, IEnumerable<ImagePlan> images, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(images);
        var valid = (recordedDigests ?? []).Where(r => r.ResolvedImage is not null && r.Digest is not null).ToList();
        var recorded = valid
            .GroupBy(r => r.ResolvedImage!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var bySpecImage = valid
            .Where(r => r.Image is not null)
            .GroupBy(r => r.Image!, StringComparer.Ordinal)
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

            if (recorded.TryGetValue(resolved, out var kept) || bySpecImage.TryGetValue(image.Image, out kept))
            {
                if (!records.Contains(kept))
                {
                    records.Add(kept);
                }

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

    /// <summary>
    /// Resolves the images of nodes planned after the start whose spec image has no digest recorded at all, each once,
    /// with that node's credentials, and adds the digests (or the registry's answers) to <paramref name="pins"/>
    /// (docs/design.md §2 "Pinned digests"). Images that have a digest, or whose spec image has one, are left to
    /// <see cref="PinnedDigests.Apply"/>.
    /// </summary>
    /// <returns>How many digests were added.</returns>
    public async Task<int> PinLaterAsync(PinnedDigests pins, IEnumerable<ImagePlan> images, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pins);
        ArgumentNullException.ThrowIfNull(images);
        var added = 0;
        foreach (var image in images)
        {
            // Checked per image: a digest just resolved for a spec image serves its other resolved images too.
            if (!pins.NeedsResolving(image))
            {
                continue;
            }

            var resolved = image.ResolvedImage!;
            try
            {
                var digest = await ResolveAsync(ImageReference.Parse(resolved), image.Credentials, cancellationToken).ConfigureAwait(false);
                pins.Add(new ImageDigest { Image = image.Image, ResolvedImage = resolved, Digest = digest });
                added++;
            }
            catch (RegistryException e)
            {
                pins.AddError(resolved, e.Message);
            }
        }

        return added;
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
