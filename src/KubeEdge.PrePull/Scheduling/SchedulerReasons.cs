using System.Globalization;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>The texts the scheduler writes into node and job reasons.</summary>
public static class SchedulerReasons
{
    /// <summary>The reason of a node left <c>Pending</c> because the job stopped dispatching.</summary>
    /// <remarks>No longer written: since issue 17 the tolerance decides the phase at the end and never stops dispatching.</remarks>
    public const string NotStartedToleranceExceeded = "not started: failure tolerance exceeded";

    /// <summary>The reason of a node whose time ran out: upstream's text (<c>NodeTaskReasonTimeout</c>).</summary>
    public const string NodeTaskTimedOut = "The node task has timed out";

    /// <summary>The reason of a node with failed images: upstream's text; each image entry keeps its own reason.</summary>
    public const string ImagePullFailures = "there were some failures when pulling images";

    /// <summary>The reason of a node that waits, <c>Pending</c>, for its node to be Ready (a job with a deadline, or <c>Never</c>).</summary>
    public const string WaitingForReady = "waiting for the node to be Ready";

    /// <summary>The reason of a node that was running, or ready to run, when the job's active deadline passed (phase <c>Unknown</c>).</summary>
    public const string DeadlinePassed = "the job's active deadline passed";

    /// <summary>The reason of a node whose time ran out.</summary>
    /// <param name="timeout">The job's per-node timeout (in the spec; upstream's text does not repeat it).</param>
    /// <returns><see cref="NodeTaskTimedOut"/>, upstream's words (docs/design.md §2 "Execution").</returns>
    public static string TimedOut(TimeSpan timeout) => NodeTaskTimedOut;

    /// <summary>The job's reason when too many nodes failed (upstream's text).</summary>
    /// <param name="failed">Failed nodes (<c>Failure</c> and <c>Unknown</c>).</param>
    /// <param name="total">All nodes.</param>
    /// <returns><c>the number of failed nodes is F/T, which exceeds the failure tolerance threshold</c>.</returns>
    public static string ToleranceExceeded(int failed, int total) =>
        string.Create(CultureInfo.InvariantCulture, $"the number of failed nodes is {failed}/{total}, which exceeds the failure tolerance threshold");

    /// <summary>The reason of a node that ended <c>Failure</c> without running because the job's breaker stopped dispatching.</summary>
    /// <param name="why">The breaker's finding (the image and the failure kind).</param>
    /// <returns><c>not started: the first 5 nodes all failed to pull image X (not found)</c>.</returns>
    public static string NotStarted(string why) => "not started: " + why;

    /// <summary>The job's reason when the breaker stopped dispatching.</summary>
    /// <param name="why">The breaker's finding (the image and the failure kind).</param>
    /// <returns><c>dispatching stopped: the first 5 nodes all failed to pull image X (not found)</c>.</returns>
    public static string DispatchStopped(string why) => "dispatching stopped: " + why;

    /// <summary>The reason of a check item the backend cannot check.</summary>
    /// <param name="backend">The puller's name.</param>
    /// <param name="items">The items it cannot check.</param>
    /// <returns>A reason naming the backend and the items.</returns>
    public static string CannotCheck(string backend, IEnumerable<string> items) =>
        $"the {backend} backend cannot check {string.Join(", ", items)}";

    /// <summary>The reason of a failed <c>Pull</c> action.</summary>
    /// <param name="failed">Failed images.</param>
    /// <param name="total">Images of the node.</param>
    /// <returns><see cref="ImagePullFailures"/>, upstream's words; how many failed is in the image entries.</returns>
    public static string ImagesFailed(int failed, int total) => ImagePullFailures;

    /// <summary>The reason of a node a node-scoped puller could not set up (its message names no secret data).</summary>
    internal static string SetupFailed(string message) => $"the node could not be set up: {message}";
}
