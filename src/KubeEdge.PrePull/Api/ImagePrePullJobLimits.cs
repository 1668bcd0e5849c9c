namespace KubeEdge.PrePull.Api;

/// <summary>
/// The one table of bounds for a job (docs/design.md §1 "Limits"): the validator rejects what lies outside them, with
/// the field's path and the allowed range; the scheduler refuses the same ranges; the CRD's <c>minimum</c>,
/// <c>maximum</c>, <c>maxItems</c> and <c>maxLength</c> in both versions say the same numbers; and the writers truncate
/// <c>status.reason</c> and event messages to their caps.
/// </summary>
public static class ImagePrePullJobLimits
{
    /// <summary>
    /// The largest <see cref="ImagePrePullTemplate.TimeoutSeconds"/>: 4,294,967 s (about 49.7 days), the longest
    /// timer .NET runs (2^32-2 ms) in whole seconds.
    /// </summary>
    public const long MaxTimeoutSeconds = 4_294_967;

    /// <summary>
    /// The largest <see cref="CompletionPolicy.ActiveDeadlineSeconds"/>: 4,294,967 s, the longest timer .NET runs, as
    /// for <see cref="MaxTimeoutSeconds"/> (the smallest is 1).
    /// </summary>
    public const long MaxActiveDeadlineSeconds = MaxTimeoutSeconds;

    /// <summary>
    /// The largest <see cref="CompletionPolicy.TtlSecondsAfterFinished"/>: 4,294,967 s, the longest timer .NET runs,
    /// as for <see cref="MaxTimeoutSeconds"/> (the smallest is 0).
    /// </summary>
    public const int MaxTtlSecondsAfterFinished = (int)MaxTimeoutSeconds;

    /// <summary>
    /// The longest value of the rerun annotation (<see cref="ImagePrePullJobNames.RerunAnnotation"/>) the controller
    /// acts on, and so the longest <see cref="ImagePrePullJobStatus.ObservedRerun"/>: 1,024 characters.
    /// </summary>
    public const int MaxRerunValueLength = 1024;

    /// <summary>The largest <see cref="ImagePrePullTemplate.Concurrency"/>: the int32 range the API declares.</summary>
    public const int MaxConcurrency = int.MaxValue;

    /// <summary>The largest <see cref="ImagePrePullTemplate.RetryTimes"/>: the int32 range the API declares (the node timeout bounds the retries).</summary>
    public const int MaxRetryTimes = int.MaxValue;

    /// <summary>The longest <see cref="ImagePrePullTemplate.FailureTolerate"/> text: 32 characters, more digits than a decimal holds.</summary>
    public const int MaxFailureTolerateLength = 32;

    /// <summary>The most <see cref="ImagePrePullTemplate.Images"/> in one job: 100.</summary>
    public const int MaxImages = 100;

    /// <summary>
    /// The longest image reference: 512 characters. Distribution caps the repository path at 255; a registry host, a
    /// 128-character tag and a sha256 digest fit beside it.
    /// </summary>
    public const int MaxImageReferenceLength = 512;

    /// <summary>The longest <c>status.reason</c> the controller writes, in UTF-8 bytes: 1,024; longer reasons end with an ellipsis.</summary>
    public const int MaxReasonLength = 1024;

    /// <summary>The longest event message the controller writes, in UTF-8 bytes: 1,024, kube-apiserver's limit for an event's note.</summary>
    public const int MaxEventMessageLength = 1024;

    /// <summary>The longest object name Kubernetes accepts (a DNS-1123 subdomain): 253.</summary>
    public const int MaxObjectNameLength = 253;

    /// <summary>The characters the API server appends to a <c>generateName</c>: 5.</summary>
    public const int GeneratedNameSuffixLength = 5;
}
