namespace KubeEdge.PrePull.Pulling;

/// <summary>The outcome of a node's checks.</summary>
/// <param name="Succeeded">Whether every item passed.</param>
/// <param name="Reason">Why not (names the item and the measured usage, or says the backend cannot check it).</param>
public sealed record CheckResult(bool Succeeded, string? Reason = null)
{
    /// <summary>Every item passed.</summary>
    public static CheckResult Passed { get; } = new(true);

    /// <summary>A failed check.</summary>
    /// <param name="reason">Why.</param>
    /// <returns>The result.</returns>
    public static CheckResult Failed(string reason) => new(false, reason);
}
