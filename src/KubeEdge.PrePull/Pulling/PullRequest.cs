namespace KubeEdge.PrePull.Pulling;

/// <summary>One image to pull on one node.</summary>
/// <param name="NodeName">The node.</param>
/// <param name="Image">The image as written in the spec (reported in status).</param>
/// <param name="ResolvedImage">The reference to pull, after overrides.</param>
/// <param name="Credentials">The credentials to try, in order; empty means an anonymous pull.</param>
/// <param name="PullPolicy"><c>IfNotPresent</c> or <c>Always</c>.</param>
public sealed record PullRequest(
    string NodeName,
    string Image,
    string ResolvedImage,
    IReadOnlyList<PullCredential> Credentials,
    string PullPolicy)
{
    /// <summary>Receives pull progress (bytes) where the backend can report it; may be <see langword="null"/>.</summary>
    public IProgress<PullProgress>? Progress { get; init; }
}
