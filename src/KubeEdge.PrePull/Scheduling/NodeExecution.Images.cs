using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Scheduling;

// The image results of the node: appended in spec order (and shared with the previous node's when equal), or
// recorded by spec position when the images are pulled in parallel.
internal sealed partial class NodeExecution
{
    // Called under _gate, in the serial mode: images finish in spec order. Returns the instance kept.
    private ImageResult AppendImage(ImageResult result)
    {
        var count = _finishedImages.Length;
        var previous = _previousImages;
        if (_sharedImages == count && count < previous.Length && previous[count].Equals(result))
        {
            result = previous[count];
            _sharedImages++;
            if (count + 1 == previous.Length)
            {
                // The whole list equals the previous node's: keep its array.
                _finishedImages = previous;
                return result;
            }
        }

        _finishedImages = [.. _finishedImages, result];
        return result;
    }

    /// <summary>
    /// The previous node's successful result for the next image in spec order when it equals the one described, so
    /// that <see cref="AppendImage"/> shares it without a new instance being made first; else <see langword="null"/>.
    /// </summary>
    /// <remarks>
    /// Without <c>_gate</c>: only the node's own flow (which calls this) writes these fields. Serial mode only; images
    /// pulled in parallel finish out of order and are not shared.
    /// </remarks>
    public ImageResult? PreviousSuccess(string image, string resolvedImage, string? imageRef, string? secret, int attempts, string? fallbackFrom)
    {
        var count = _finishedImages.Length;
        var previous = _previousImages;
        if (_images is not null || _sharedImages != count || count >= previous.Length)
        {
            return null;
        }

        var candidate = previous[count];
        return candidate is { Succeeded: true, Reason: null, FailureKind: PullFailureKind.None, Waiting: false }
            && candidate.Attempts == attempts
            && string.Equals(candidate.Image, image, StringComparison.Ordinal)
            && string.Equals(candidate.ResolvedImage, resolvedImage, StringComparison.Ordinal)
            && string.Equals(candidate.ImageRef, imageRef, StringComparison.Ordinal)
            && string.Equals(candidate.Secret, secret, StringComparison.Ordinal)
            && string.Equals(candidate.FallbackFrom, fallbackFrom, StringComparison.Ordinal)
                ? candidate
                : null;
    }

    // Its own method: a lambda in RunAsync would make every node allocate the closure, parallel or not.
    private Task PullInParallelAsync(IReadOnlyList<ImagePlan> images, CancellationToken cancellationToken)
    {
        _images = new ImageResult?[images.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _job.Options.ImageParallelism, CancellationToken = cancellationToken };
        // Under a registry budget the images whose registry has a free slot go first (docs/design.md §2 "Registry budget").
        var order = _job.Budget is { } budget ? FreeRegistriesFirst(budget, images) : Enumerable.Range(0, images.Count);
        return Parallel.ForEachAsync(order, parallel, (i, ct) => PullAndRecordAsync(images, i, ct));
    }

    private async ValueTask PullAndRecordAsync(IReadOnlyList<ImagePlan> images, int i, CancellationToken cancellationToken)
    {
        var result = await ImagePull.RunAsync(_job, this, images[i], cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            var byPosition = _images!;
            byPosition[i] = result;
            var finished = new ImageResult[_finishedImages.Length + 1];
            var n = 0;
            foreach (var image in byPosition)
            {
                if (image is not null)
                {
                    finished[n++] = image;
                }
            }

            _finishedImages = finished;
            Publish(NodeUpdateKind.ImageFinished, result);
        }
    }
}
