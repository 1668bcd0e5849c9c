namespace KubeEdge.PrePull.Scheduling;

/// <summary>Why an image waits before its pull (docs/design.md §2 "Registry budget").</summary>
public enum RegistryWaitCause
{
    /// <summary>Its registry has as many pulls in flight as its budget allows.</summary>
    Slot = 0,

    /// <summary>Its registry answered 429 / <c>toomanyrequests</c> and is backed off fleet-wide.</summary>
    RateLimit,
}
