namespace KubeEdge.PrePull.Api;

/// <summary>
/// The one place where a template's defaults are applied (docs/design.md §1). A default fills a field only when it is
/// absent; <c>concurrency: 0</c> and <c>timeoutSeconds: 0</c> also mean the default, as upstream documents, while an
/// explicit empty <c>checkItems</c> stays empty (no checks) and <c>failureTolerate: "0"</c> stays 0.
/// </summary>
public static class ImagePrePullJobDefaults
{
    /// <summary>Default <see cref="ImagePrePullTemplate.FailureTolerate"/>: <c>"0.1"</c>.</summary>
    public const string FailureTolerate = "0.1";

    /// <summary>Default <see cref="ImagePrePullTemplate.TimeoutSeconds"/>: 300.</summary>
    public const long TimeoutSeconds = 300;

    /// <summary>Default <see cref="ImagePrePullTemplate.Concurrency"/>: 1.</summary>
    public const int Concurrency = 1;

    /// <summary>Default <see cref="ImagePrePullTemplate.RetryTimes"/>: 0.</summary>
    public const int RetryTimes = 0;

    /// <summary>Default <see cref="ImagePrePullTemplate.ImagePullPolicy"/>: <c>IfNotPresent</c>.</summary>
    public const string ImagePullPolicy = ImagePullPolicies.IfNotPresent;

    /// <summary>Default <see cref="CompletionPolicy.Type"/>: <c>Always</c>.</summary>
    public const string CompletionPolicyType = CompletionPolicyTypes.Always;

    /// <summary>Default <see cref="ImagePrePullTemplate.CheckItems"/>: <c>[disk]</c>.</summary>
    public static IReadOnlyList<string> CheckItems { get; } = [Api.CheckItems.Disk];

    /// <summary>Returns a copy of <paramref name="template"/> with every absent field set to its default.</summary>
    /// <param name="template">The template as written (not modified).</param>
    /// <returns>A new template; lists are copied, so changing them does not change the input.</returns>
    public static ImagePrePullTemplate Apply(ImagePrePullTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template with
        {
            Images = Copy(template.Images),
            NodeNames = Copy(template.NodeNames),
            PullSecrets = Copy(template.PullSecrets),
            CheckItems = template.CheckItems is null ? [.. CheckItems] : Copy(template.CheckItems),
            FailureTolerate = string.IsNullOrEmpty(template.FailureTolerate) ? FailureTolerate : template.FailureTolerate,
            Concurrency = template.Concurrency is null or 0 ? Concurrency : template.Concurrency,
            TimeoutSeconds = template.TimeoutSeconds is null or 0 ? TimeoutSeconds : template.TimeoutSeconds,
            RetryTimes = template.RetryTimes ?? RetryTimes,
            ImagePullPolicy = string.IsNullOrEmpty(template.ImagePullPolicy) ? ImagePullPolicy : template.ImagePullPolicy,
        };
    }

    /// <summary>
    /// Returns a copy of <paramref name="policy"/> with an absent <see cref="CompletionPolicy.Type"/> set to
    /// <c>Always</c>, as the CRD's default does; the deadline and the TTL have no default.
    /// </summary>
    /// <param name="policy">The policy as written (not modified).</param>
    /// <returns>A new policy.</returns>
    public static CompletionPolicy Apply(CompletionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy with { Type = string.IsNullOrEmpty(policy.Type) ? CompletionPolicyType : policy.Type };
    }

    /// <summary>
    /// Returns a copy of <paramref name="job"/> whose template has its defaults applied, and its completion policy too
    /// when it has one (an absent policy stays absent: it means what <c>type: Always</c> alone means).
    /// </summary>
    /// <param name="job">The job as written (not modified).</param>
    /// <returns>A new job sharing metadata and status with the input.</returns>
    public static ImagePrePullJob Apply(ImagePrePullJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job with
        {
            Spec = job.Spec with
            {
                ImagePrePullTemplate = Apply(job.Spec.ImagePrePullTemplate ?? new ImagePrePullTemplate()),
                CompletionPolicy = job.Spec.CompletionPolicy is { } policy ? Apply(policy) : null,
            },
        };
    }

    private static List<string>? Copy(IList<string>? list) => list is null ? null : [.. list];
}
