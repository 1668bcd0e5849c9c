namespace KubeEdge.PrePull.Testing.Faults;

/// <summary>
/// Faults on demand: make the next requests for a resource and verb fail or stall, a given number of times.
/// Verbs are Kubernetes verbs: <c>get</c>, <c>list</c>, <c>watch</c>, <c>create</c>, <c>update</c>, <c>patch</c>,
/// <c>delete</c>, <c>deletecollection</c>; <c>*</c> matches any verb or resource.
/// </summary>
/// <example>
/// <code>
/// server.Faults.Add("imageprepulljobs/status", "patch", FaultKind.Conflict, times: 2);
/// server.Faults.Add("pods", "watch", FaultKind.Gone);
/// </code>
/// </example>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];
    private readonly Action<string?> _closeWatches;

    internal FaultInjector(Action<string?> closeWatches) => _closeWatches = closeWatches;

    /// <summary>How many faults are still pending (sum of remaining times).</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _rules.Sum(r => r.Remaining);
            }
        }
    }

    /// <summary>Adds a fault for the next <paramref name="times"/> matching requests.</summary>
    /// <param name="resource">Resource plural (e.g. <c>pods</c>, <c>imageprepulljobs</c>, <c>imageprepulljobs/status</c>) or <c>*</c>.</param>
    /// <param name="verb">Kubernetes verb or <c>*</c>.</param>
    /// <param name="kind">What the fault does.</param>
    /// <param name="times">How many requests it hits (default 1).</param>
    /// <param name="delay">For <see cref="FaultKind.Delay"/>: how long (default 1 second).</param>
    /// <exception cref="ArgumentException">When <paramref name="resource"/> or <paramref name="verb"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="times"/> is not positive.</exception>
    public void Add(string resource, string verb, FaultKind kind, int times = 1, TimeSpan? delay = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resource);
        ArgumentException.ThrowIfNullOrWhiteSpace(verb);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        lock (_gate)
        {
            _rules.Add(new FaultRule(resource, verb, kind, delay ?? TimeSpan.FromSeconds(1)) { Remaining = times });
        }
    }

    /// <summary>Closes the open watches of a resource now (their clients see the stream end).</summary>
    /// <param name="resource">Plural, or <see langword="null"/> for every resource.</param>
    public void CloseWatches(string? resource = null) => _closeWatches(resource);

    /// <summary>Removes every pending fault.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>Takes one hit of the first rule matching a request.</summary>
    internal FaultRule? TryTake(string resource, string? subresource, string verb)
    {
        lock (_gate)
        {
            var rule = _rules.Find(r => r.Matches(resource, subresource, verb));
            if (rule is null)
            {
                return null;
            }

            if (--rule.Remaining == 0)
            {
                _rules.Remove(rule);
            }

            return rule;
        }
    }
}
