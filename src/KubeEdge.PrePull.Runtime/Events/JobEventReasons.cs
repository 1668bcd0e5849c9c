namespace KubeEdge.PrePull.Runtime.Events;

/// <summary>The <c>reason</c> of the Kubernetes Events the controller records on jobs.</summary>
public static class JobEventReasons
{
    /// <summary>The job started (or resumed) running.</summary>
    public const string Started = "JobStarted";

    /// <summary>The job reached <c>Completed</c>.</summary>
    public const string Completed = "JobCompleted";

    /// <summary>The job reached <c>Failure</c>.</summary>
    public const string Failed = "JobFailed";

    /// <summary>The spec changed after the job started; the change is ignored.</summary>
    public const string SpecChangeIgnored = "SpecChangeIgnored";

    /// <summary>
    /// The job's JSON does not bind (a value of the wrong type, a number out of range): it is not run; the message
    /// names the field.
    /// </summary>
    public const string InvalidObject = "InvalidObject";

    /// <summary>A secret was skipped (missing, of another type, malformed); the message names it, never its data.</summary>
    public const string SecretSkipped = "SecretSkipped";

    /// <summary>
    /// A secret was refused: not in an allowed namespace and without the opt-in label (docs/design.md §2, "Secret
    /// grants"); its data was not read. The message names the secret and the rule.
    /// </summary>
    public const string SecretNotAllowed = "SecretNotAllowed";

    /// <summary>
    /// A new value of the rerun annotation re-runs the finished job's <c>Failure</c> and <c>Unknown</c> nodes
    /// (docs/design.md §2 "Life cycle"); the message counts the nodes that run again and those kept.
    /// </summary>
    public const string Rerun = "JobRerun";

    /// <summary>
    /// A rerun was asked for but cannot run (the job is invalid now, or no node matches); the message says why. Nothing
    /// about the job changes; the same value is tried again when the job changes.
    /// </summary>
    public const string RerunRefused = "RerunRefused";

    /// <summary>The finished job's <c>ttlSecondsAfterFinished</c> has passed since its completion: it is being deleted.</summary>
    public const string Expired = "JobExpired";
}
