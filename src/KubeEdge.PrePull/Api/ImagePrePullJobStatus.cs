using System.Text.Json.Serialization;

namespace KubeEdge.PrePull.Api;

/// <summary>
/// The status of an ImagePrePullJob: upstream's v1alpha2 shape, the new fields (times, summary), and the seed's
/// v1alpha1 fields as a mirror that is dropped above the detail limit.
/// </summary>
public sealed record ImagePrePullJobStatus
{
    /// <summary>The job phase; see <see cref="JobPhases"/>.</summary>
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    /// <summary>Why the job is in its phase (validation problems, the tolerance message, ...).</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    /// <summary>NEW: when the controller started the job.</summary>
    [JsonPropertyName("startTime")]
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>NEW: when the job reached <c>Completed</c> or <c>Failure</c>.</summary>
    [JsonPropertyName("completionTime")]
    public DateTimeOffset? CompletionTime { get; set; }

    /// <summary>NEW: node counts by phase; always exact, also when <see cref="NodeStatus"/> is trimmed.</summary>
    [JsonPropertyName("summary")]
    public JobSummary? Summary { get; set; }

    /// <summary>One entry per selected node (above the detail limit: the non-successful ones within a byte budget).</summary>
    [JsonPropertyName("nodeStatus")]
    public IList<ImagePrePullNodeTaskStatus>? NodeStatus { get; set; }

    /// <summary>
    /// NEW: above the detail limit, where <see cref="NodeStatus"/> leaves successful nodes out, the names of the
    /// successful nodes as <c>base64(gzip(names sorted by ordinal, one per line))</c>, so a resumed job does not pull
    /// them again; <see langword="null"/> while <see cref="NodeStatus"/> lists every node.
    /// </summary>
    [JsonPropertyName("succeededNodes")]
    public string? SucceededNodes { get; set; }

    /// <summary>
    /// NEW: set when <see cref="NodeStatus"/> lists only some nodes (above the detail limit or the status size
    /// budget): how many are left out, why, and which phases are listed; <see langword="null"/> while every node is listed.
    /// </summary>
    [JsonPropertyName("nodeStatusOmitted")]
    public NodeStatusOmission? NodeStatusOmitted { get; set; }

    /// <summary>
    /// NEW: the last value of the <c>operations.kubeedge.io/rerun</c> annotation the controller acted on
    /// (<see cref="ImagePrePullJobNames.RerunAnnotation"/>), so each value re-runs a finished job once; written when
    /// the job starts too, so a value present at creation is not a rerun.
    /// </summary>
    [JsonPropertyName("observedRerun")]
    public string? ObservedRerun { get; set; }

    /// <summary>
    /// NEW: with <see cref="ImagePrePullTemplate.PinDigests"/>, the digest each resolved image's tag pointed at when
    /// the job started (or, for a spec image no digest was recorded for, when a later node was planned), one entry per
    /// distinct resolved image; edge agents pull these too (docs/design.md §2 "Pinned digests").
    /// </summary>
    [JsonPropertyName("imageDigests")]
    public IList<ImageDigest>? ImageDigests { get; set; }

    /// <summary>v1alpha1 mirror: the job's state (<c>Init</c>, <c>Checking</c>, <c>Pulling</c>, <c>Successful</c>, <c>Failed</c>); see <see cref="TaskStates"/>.</summary>
    [JsonPropertyName("state")]
    public string? State { get; set; }

    /// <summary>v1alpha1 mirror: the last event (<c>Init</c>, <c>Check</c>, <c>Pull</c>, <c>TimeOut</c>).</summary>
    [JsonPropertyName("event")]
    public string? Event { get; set; }

    /// <summary>v1alpha1 mirror: the last action's result (<c>Success</c>, <c>Failure</c>).</summary>
    [JsonPropertyName("action")]
    public string? Action { get; set; }

    /// <summary>v1alpha1 mirror: when the state last changed (RFC 3339).</summary>
    [JsonPropertyName("time")]
    public string? Time { get; set; }

    /// <summary>v1alpha1 mirror: one entry per node.</summary>
    [JsonPropertyName("status")]
    public IList<V1Alpha1.ImagePrePullStatus>? Status { get; set; }
}
