namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>What has been seen of one container: how many failed pull attempts, and the last failure's words.</summary>
/// <param name="Failures">Failed attempts seen (each entry into <c>ErrImagePull</c>, or a first sighting already in back-off).</param>
/// <param name="LastReason">The last waiting reason seen.</param>
/// <param name="FailureReason">The reason of the last failure (<c>ErrImagePull</c>, <c>InvalidImageName</c>, ...).</param>
/// <param name="FailureMessage">The kubelet's message of the last failure; kept through <c>ImagePullBackOff</c>, whose own message says less.</param>
internal sealed record ContainerHistory(int Failures, string? LastReason, string? FailureReason, string? FailureMessage)
{
    /// <summary>Nothing seen yet.</summary>
    public static ContainerHistory Empty { get; } = new(0, null, null, null);

    /// <summary>The history after seeing a waiting <paramref name="reason"/> with <paramref name="message"/>.</summary>
    public ContainerHistory Next(string? reason, string? message, ContainerPullPhase phase)
    {
        if (phase is ContainerPullPhase.FailedPermanently)
        {
            return new(Failures + (reason == LastReason ? 0 : 1), reason, reason, message);
        }

        if (reason == ContainerStatusReader.ErrImagePull && LastReason != reason)
        {
            return new(Failures + 1, reason, reason, message);
        }

        if (reason == ContainerStatusReader.ImagePullBackOff && Failures == 0)
        {
            // First seen already backing off (an adopted pod): that is one failed attempt, with less detail.
            return new(1, reason, reason, message);
        }

        return this with { LastReason = reason };
    }
}
