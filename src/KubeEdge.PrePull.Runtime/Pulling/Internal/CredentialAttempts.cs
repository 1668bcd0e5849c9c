using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Pulling.Internal;

/// <summary>
/// Tries a pull with each of the request's credentials in order, as the kubelet does (anonymous once when there is
/// none), and turns the attempts, the pull timeout and the caller's cancellation into one <see cref="PullResult"/>.
/// </summary>
internal static class CredentialAttempts
{
    public delegate ValueTask<AttemptOutcome> Attempt(PullCredential? credential, CancellationToken cancellationToken);

    public static async ValueTask<PullResult> RunAsync(
        PullRequest request, TimeSpan timeout, TimeProvider timeProvider, Attempt attempt, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var failures = new List<(PullCredential? Credential, AttemptOutcome Outcome)>();
        try
        {
            IReadOnlyList<PullCredential?> credentials = request.Credentials.Count == 0 ? [null] : [.. request.Credentials];
            foreach (var credential in credentials)
            {
                var outcome = await attempt(credential, linked.Token).ConfigureAwait(false);
                if (outcome.Kind == PullFailureKind.None)
                {
                    return PullResult.Success(outcome.ImageRef, credential?.Secret);
                }

                failures.Add((credential, outcome));
                if (outcome.Kind is not (PullFailureKind.Unauthorized or PullFailureKind.NotFound))
                {
                    // Another credential cannot fix an unreachable registry or runtime.
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(request, PullFailureKind.Cancelled, "the pull was cancelled before it finished");
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested)
        {
            return Fail(request, PullFailureKind.Timeout, $"the pull did not finish within {timeout.TotalSeconds:0.###}s; {PullReasons.Tried(request)}");
        }

        return Summarize(request, failures);
    }

    public static PullResult Fail(PullRequest request, PullFailureKind kind, string detail) =>
        PullResult.Failure(kind, PullReasons.Describe(request, kind, SecretScrubber.Scrub(detail, request.Credentials)));

    private static PullResult Summarize(PullRequest request, List<(PullCredential? Credential, AttemptOutcome Outcome)> failures)
    {
        // NotFound after a rejected credential is the more useful answer: some credential got past authentication.
        var kind = failures.Any(f => f.Outcome.Kind == PullFailureKind.NotFound) && failures.All(f => f.Outcome.Kind is PullFailureKind.NotFound or PullFailureKind.Unauthorized)
            ? PullFailureKind.NotFound
            : failures[^1].Outcome.Kind;
        var detail = failures.Count == 1
            ? failures[0].Outcome.Detail
            : string.Join("; ", failures.Select(f => $"with secret {f.Credential?.Secret}: {f.Outcome.Detail}"));
        return Fail(request, kind, $"{detail}; {PullReasons.Tried(request)}");
    }
}
