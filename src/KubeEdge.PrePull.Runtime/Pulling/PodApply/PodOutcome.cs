using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>Turns a pod snapshot into the result of one image's pull, or <see langword="null"/> while undecided.</summary>
internal static class PodOutcome
{
    /// <summary>The result for <paramref name="container"/>, or <see langword="null"/> to keep waiting.</summary>
    public static PullResult? Read(PodSnapshot snapshot, PodContainer container, NodeSession session, PullRequest request)
    {
        var status = snapshot.Pod?.Container(container.Name);
        var phase = ContainerStatusReader.PhaseOf(status);
        if (phase == ContainerPullPhase.Pulled)
        {
            // The kubelet does not say which credential worked: report the first one the pod really carried.
            var secret = request.Credentials.Select(c => c.Secret).FirstOrDefault(session.UsableSecrets.Contains);
            return PullResult.Success(string.IsNullOrEmpty(status!.ImageId) ? null : status.ImageId, secret);
        }

        var history = snapshot.Histories.GetValueOrDefault(container.Name) ?? ContainerHistory.Empty;
        var reported = session.ReportedFailures.GetValueOrDefault(container.Name);
        if ((phase == ContainerPullPhase.FailedPermanently && history.Failures > 0) || (phase == ContainerPullPhase.Failed && history.Failures > reported))
        {
            // A retry of the same image waits for the kubelet's next attempt instead of re-reading the old failure.
            session.ReportedFailures[container.Name] = history.Failures;
            var reason = history.FailureReason ?? status!.WaitingReason;
            var message = history.FailureMessage ?? status!.WaitingMessage;
            var text = string.IsNullOrEmpty(message) ? $"image {container.Image}: {reason}" : $"image {container.Image}: {reason}: {message}";
            return PullResult.Failure(PullFailureClassifier.Classify(reason, message), text);
        }

        if (snapshot.Closed)
        {
            return PullResult.Failure(PullFailureKind.Cancelled, $"image {container.Image}: the node's pull ended before the image was pulled");
        }

        if (snapshot.Gone)
        {
            return PullResult.Failure(PullFailureKind.Other, $"image {container.Image}: pull pod {session.PodName} was deleted before the image was pulled");
        }

        if (snapshot.Pod is { Phase: "Failed" } podStatus)
        {
            return PullResult.Failure(PullFailureKind.Other, $"image {container.Image}: pull pod {session.PodName} failed: {podStatus.Reason}: {podStatus.Message}");
        }

        return null;
    }
}
