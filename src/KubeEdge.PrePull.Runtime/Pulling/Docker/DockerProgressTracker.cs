using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Pulling.Docker;

/// <summary>
/// Sums the per-layer byte counts of the progress stream into one <see cref="PullProgress"/> per update of the pull.
/// </summary>
internal sealed class DockerProgressTracker(PullRequest request)
{
    private readonly Dictionary<string, (long Current, long Total)> _layers = new(StringComparer.Ordinal);

    public void Observe(DockerStreamMessage message)
    {
        if (request.Progress is null || message.Id is null)
        {
            return;
        }

        var known = _layers.GetValueOrDefault(message.Id);
        if (message.Status == "Downloading" && message.ProgressDetail?.Current is { } current)
        {
            _layers[message.Id] = (current, message.ProgressDetail.Total ?? known.Total);
        }
        else if (message.Status is "Download complete" or "Pull complete" && known.Total > 0)
        {
            _layers[message.Id] = (known.Total, known.Total);
        }
        else
        {
            return;
        }

        var total = _layers.Values.Sum(l => l.Total);
        request.Progress.Report(new PullProgress(request.NodeName, request.ResolvedImage, _layers.Values.Sum(l => l.Current), total > 0 ? total : null));
    }
}
