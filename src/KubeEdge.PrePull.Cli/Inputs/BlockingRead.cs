namespace KubeEdge.PrePull.Cli.Inputs;

/// <summary>
/// Reads input files off the command's path: a read of a FIFO or of <c>/dev/stdin</c> fed by a pipe that stays open
/// blocks for as long as its writer waits, and no file API can be cancelled then. The command stops waiting when its
/// token is cancelled (SIGINT, SIGTERM); the blocked read is left to end with the process (docs/design.md §3,
/// "Testing kit and tool").
/// </summary>
internal static class BlockingRead
{
    /// <summary>Runs <paramref name="read"/> on the thread pool and waits for it or for the token.</summary>
    /// <typeparam name="T">What the read returns.</typeparam>
    /// <param name="read">The read, with its own errors (they come out of the returned task).</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>What <paramref name="read"/> returned.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled first.</exception>
    public static Task<T> RunAsync<T>(Func<T> read, CancellationToken cancellationToken) =>
        Task.Run(read, CancellationToken.None).WaitAsync(cancellationToken);
}
