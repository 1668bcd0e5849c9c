using System.Text.Json.Serialization;

namespace KubeEdge.PrePull.Api;

/// <summary>
/// NEW: when a job ends and how long a finished job is kept (OpenKruise ImagePullJob's <c>completionPolicy</c>
/// shape, docs/design.md §1 and §2 "Life cycle"). Absent fields stay <see langword="null"/>; an absent policy keeps
/// the behaviour of a job without one.
/// </summary>
public sealed record CompletionPolicy
{
    /// <summary>
    /// <c>Always</c> (default): the job ends when every node has finished. <c>Never</c>: the job stays
    /// <c>InProgress</c> and also runs on nodes that match or become Ready later. See <see cref="CompletionPolicyTypes"/>.
    /// </summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>
    /// Seconds from <c>status.startTime</c> after which every unfinished node ends and the job's phase is computed;
    /// 1 to <see cref="ImagePrePullJobLimits.MaxActiveDeadlineSeconds"/>. Absent: no deadline.
    /// </summary>
    [JsonPropertyName("activeDeadlineSeconds")]
    public long? ActiveDeadlineSeconds { get; set; }

    /// <summary>
    /// Seconds from <c>status.completionTime</c> after which a finished job is deleted (through the finalizer, so its
    /// pods and secret copies go too); 0 to <see cref="ImagePrePullJobLimits.MaxTtlSecondsAfterFinished"/>. Absent:
    /// the job is kept.
    /// </summary>
    [JsonPropertyName("ttlSecondsAfterFinished")]
    public int? TtlSecondsAfterFinished { get; set; }
}
