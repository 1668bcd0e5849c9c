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
