using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Scheduling;

// The node under the registry budget (docs/design.md §2 "Registry budget"): the images that wait for their registry,
// shown after the finished images with status Unknown and the reason they wait until they get their slot; and the
// slots taken before the node begins for a backend that pulls every image then (PodApply).
internal sealed partial class NodeExecution
{
    // Copy on write, like _finishedImages; empty unless an image waits.
    private ImageResult[] _waiting = [];
    // Resolved image -> the slot taken for its first pull; under _gate.
    private Dictionary<string, RegistrySlots>? _reserved;

    /// <summary>The slot taken for the first pull of <paramref name="resolvedImage"/> before the node began, now owned by the caller; else <see langword="null"/>.</summary>
    public RegistrySlots? TakeReservedSlot(string resolvedImage)
    {
        lock (_gate)
        {
            return _reserved is { } reserved && reserved.Remove(resolvedImage, out var slots) ? slots : null;
        }
    }

    /// <summary>
    /// The spec positions of <paramref name="images"/> in the order to pull them under a budget: each time the next
    /// image is wanted, the first one left whose registry has a free slot, else the first one left. An image waiting
    /// for its registry so never holds up the node's images from other registries.
    /// </summary>
    private static IEnumerable<int> FreeRegistriesFirst(RegistryBudget budget, IReadOnlyList<ImagePlan> images)
    {
        var left = Enumerable.Range(0, images.Count).ToList();
        while (left.Count > 0)
        {
            var pick = left.FindIndex(i => images[i].ResolvedImage is not { } resolved || images[i].Error is not null || budget.For(resolved).HasFreeSlot);
            var index = left[pick < 0 ? 0 : pick];
            left.Remove(index);
            yield return index;
        }
    }

    /// <summary>Takes one slot per distinct image of the plan, registries in name order so that two nodes never wait for each other.</summary>
    private async ValueTask ReserveSlotsAsync(RegistryBudget budget, NodePlan plan, CancellationToken cancellationToken)
    {
        var wanted = new Dictionary<string, (RegistrySlots Slots, ImagePlan Image)>(StringComparer.Ordinal);
        foreach (var image in plan.Images)
        {
            if (image.Error is null && image.ResolvedImage is { } resolved && !wanted.ContainsKey(resolved))
            {
                wanted[resolved] = (budget.For(resolved), image);
            }
        }

        foreach (var (resolved, (slots, image)) in wanted.OrderBy(w => w.Value.Slots.Name, StringComparer.Ordinal))
        {
            await slots.EnterAsync(this, image, cancellationToken).ConfigureAwait(false);
            bool closed;
            lock (_gate)
            {
                // A node closed meanwhile (timed out) has given back its slots already: this one goes back at once.
                closed = _closed;
                if (!closed)
                {
                    (_reserved ??= new Dictionary<string, RegistrySlots>(StringComparer.Ordinal))[resolved] = slots;
                }
            }

            if (closed)
            {
                slots.Exit();
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    // Gives back the slots no pull used (the node failed, timed out or was cancelled first).
    private void ReleaseReservedSlots()
    {
        if (_reserved is null)
        {
            // No lock for the common case (no budget, or a backend that does not pull on Begin): only this node's flow
            // creates the dictionary, before its close; a reservation after the close goes back by itself.
            return;
        }

        List<RegistrySlots>? left = null;
        lock (_gate)
        {
            if (_reserved is { Count: > 0 } reserved)
            {
                left = [.. reserved.Values];
                reserved.Clear();
            }
        }

        if (left is null)
        {
            // Not `left ?? []`: that is a new empty list per node.
            return;
        }

        foreach (var slots in left)
        {
            slots.Exit();
        }
    }

    /// <summary>Shows that <paramref name="image"/> waits for its registry and why, or, with <see langword="null"/>, that it no longer waits.</summary>
    public void SetWaiting(ImagePlan image, string? reason)
    {
        lock (_gate)
        {
            var index = Array.FindIndex(_waiting, w => string.Equals(w.Image, image.Image, StringComparison.Ordinal));
            if (reason is null)
            {
                if (index < 0)
                {
                    return;
                }

                _waiting = [.. _waiting[..index], .. _waiting[(index + 1)..]];
            }
            else
            {
                var entry = new ImageResult(image.Image, false, reason, image.ResolvedImage, null, null, 0) { Waiting = true };
                if (index < 0)
                {
                    _waiting = [.. _waiting, entry];
                }
                else
                {
                    var copy = (ImageResult[])_waiting.Clone();
                    copy[index] = entry;
                    _waiting = copy;
                }
            }

            Publish(NodeUpdateKind.ImageWaiting, null);
        }
    }

    // Called under _gate: the images a snapshot shows.
    private ImageResult[] ShownImages() => _waiting.Length == 0 ? _finishedImages : [.. _finishedImages, .. _waiting];
}
