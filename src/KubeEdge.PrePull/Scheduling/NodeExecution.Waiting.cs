using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Scheduling;

// The images of the node that wait for their registry (docs/design.md §2 "Registry budget"): shown after the
// finished images, with status Unknown and the reason they wait, until they get their slot.
internal sealed partial class NodeExecution
{
    // Copy on write, like _finishedImages; empty unless an image waits.
    private ImageResult[] _waiting = [];

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
