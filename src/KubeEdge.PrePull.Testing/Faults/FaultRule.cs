namespace KubeEdge.PrePull.Testing.Faults;

/// <summary>One pending fault: which requests it hits and how many times more.</summary>
/// <param name="Resource">Plural (optionally with <c>/status</c>) or <c>*</c>.</param>
/// <param name="Verb">Kubernetes verb or <c>*</c>.</param>
/// <param name="Kind">What it does.</param>
/// <param name="Delay">Delay for <see cref="FaultKind.Delay"/>.</param>
internal sealed record FaultRule(string Resource, string Verb, FaultKind Kind, TimeSpan Delay)
{
    /// <summary>How many more requests it hits.</summary>
    public int Remaining { get; set; }

    /// <summary>Whether the rule applies to a request.</summary>
    /// <param name="resource">Plural of the request.</param>
    /// <param name="subresource">Subresource, if any.</param>
    /// <param name="verb">Verb of the request.</param>
    /// <returns>Whether it matches.</returns>
    public bool Matches(string resource, string? subresource, string verb) =>
        (Verb == "*" || Verb == verb)
        && (Resource == "*" || Resource == resource || (subresource is not null && Resource == $"{resource}/{subresource}"));
}
