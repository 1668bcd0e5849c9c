namespace KubeEdge.PrePull.Scheduling;

/// <summary>
/// Hears what a <see cref="RegistryBudget"/> does, so a host can turn it into metrics and logs (the core has neither).
/// Called on the budget's own lock: implementations return quickly and never call back into the budget.
/// </summary>
public interface IRegistryBudgetListener
{
    /// <summary>An image began to wait for <paramref name="registry"/>.</summary>
    /// <param name="registry">The registry host, e.g. <c>docker.io</c> or <c>harbor.example.com:5000</c>.</param>
    /// <param name="cause">Why it waits.</param>
    void WaitStarted(string registry, RegistryWaitCause cause);

    /// <summary>An image stopped waiting for <paramref name="registry"/> for <paramref name="cause"/>: it got a slot, was cancelled, or now waits for another cause.</summary>
    /// <param name="registry">The registry host.</param>
    /// <param name="cause">Why it had waited.</param>
    /// <param name="waited">How long it waited for that cause.</param>
    void WaitEnded(string registry, RegistryWaitCause cause, TimeSpan waited);

    /// <summary><paramref name="registry"/> answered a pull with 429 / <c>toomanyrequests</c>: no new pull goes to it before <paramref name="until"/>.</summary>
    /// <param name="registry">The registry host.</param>
    /// <param name="delay">The back-off this answer started: its <c>Retry-After</c>, else the budget's backoff.</param>
    /// <param name="until">When the registry's back-off ends (the latest of every answer so far).</param>
    void BackedOff(string registry, TimeSpan delay, DateTimeOffset until);
}
