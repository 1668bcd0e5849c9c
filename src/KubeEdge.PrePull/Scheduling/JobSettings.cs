using System.Globalization;
using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>A job's execution settings with the defaults of docs/design.md §1 applied (by <see cref="ImagePrePullJobDefaults"/>).</summary>
/// <param name="Concurrency">The most nodes in flight, at least 1.</param>
/// <param name="Timeout">The time a node has from dispatch.</param>
/// <param name="RetryTimes">Extra attempts for each failed image.</param>
/// <param name="FailureTolerate">The tolerated ratio of failed nodes, in [0,1].</param>
/// <param name="CheckItems">The check items each node runs before pulling.</param>
/// <param name="PullPolicy"><c>IfNotPresent</c> or <c>Always</c>.</param>
public sealed record JobSettings(
    int Concurrency,
    TimeSpan Timeout,
    int RetryTimes,
    decimal FailureTolerate,
    IReadOnlyList<string> CheckItems,
    string PullPolicy)
{
    /// <summary>
    /// Whether the run keeps going once every node has finished (<c>completionPolicy.type: Never</c>): it takes nodes
    /// added later (<see cref="JobRun.AddNodes"/>) and ends only at <see cref="Deadline"/> or when cancelled. Default
    /// <see langword="false"/>.
    /// </summary>
    public bool KeepsRunning { get; init; }

    /// <summary>
    /// The job's active deadline (<c>status.startTime</c> + <c>completionPolicy.activeDeadlineSeconds</c>): then every
    /// unfinished node ends and the run ends. Default <see langword="null"/> (none).
    /// </summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>
    /// Whether nodes that are not Ready wait for it (docs/design.md §2 "Execution"): with a deadline or
    /// <see cref="KeepsRunning"/>. Otherwise a NotReady node fails at selection, as upstream.
    /// </summary>
    public bool WaitsForNodes => KeepsRunning || Deadline is not null;

    /// <summary>These settings under a job's completion policy.</summary>
    /// <param name="policy">The job's <c>spec.completionPolicy</c>; <see langword="null"/> keeps the settings as they are.</param>
    /// <param name="startTime">The job's <c>status.startTime</c>, from which the deadline counts.</param>
    /// <returns>The settings with <see cref="KeepsRunning"/> and <see cref="Deadline"/> set.</returns>
    public JobSettings WithCompletionPolicy(CompletionPolicy? policy, DateTimeOffset startTime) => policy is null
        ? this
        : this with
        {
            KeepsRunning = policy.Type == CompletionPolicyTypes.Never,
            Deadline = policy.ActiveDeadlineSeconds is { } seconds ? startTime.AddSeconds(seconds) : null,
        };

    /// <summary>Nodes in flight when <c>concurrency</c> is absent or 0.</summary>
    public const int DefaultConcurrency = ImagePrePullJobDefaults.Concurrency;

    /// <summary>Seconds a node has when <c>timeoutSeconds</c> is absent or 0.</summary>
    public const int DefaultTimeoutSeconds = (int)ImagePrePullJobDefaults.TimeoutSeconds;

    /// <summary>Retries when <c>retryTimes</c> is absent.</summary>
    public const int DefaultRetryTimes = ImagePrePullJobDefaults.RetryTimes;

    /// <summary>The tolerated ratio when <c>failureTolerate</c> is absent: 0.1 (<see cref="ImagePrePullJobDefaults.FailureTolerate"/> parsed).</summary>
    public const decimal DefaultFailureTolerate = 0.1m;

    /// <summary>The check items when <c>checkItems</c> is absent: <c>[disk]</c>.</summary>
    public static IReadOnlyList<string> DefaultCheckItems => ImagePrePullJobDefaults.CheckItems;

    /// <summary>Reads the settings of a template, applying the defaults.</summary>
    /// <param name="template">The job's template (validated beforehand).</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="template"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A field is outside its range of <see cref="ImagePrePullJobLimits"/>; the message names it and the range.</exception>
    public static JobSettings FromTemplate(ImagePrePullTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        // The defaults have one home; this only reads the completed template and checks its ranges.
        var full = ImagePrePullJobDefaults.Apply(template);
        var text = full.FailureTolerate!;
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var tolerate) || tolerate > 1)
        {
            throw new ArgumentException($"spec.imagePrePullTemplate.failureTolerate: \"{text}\" is not a decimal in [0,1].", nameof(template));
        }

        // docs/design.md §1 "Limits": the validator's ranges, so a template it accepted never fails here.
        CheckRange("concurrency", full.Concurrency!.Value, ImagePrePullJobLimits.MaxConcurrency);
        CheckRange("timeoutSeconds", full.TimeoutSeconds!.Value, ImagePrePullJobLimits.MaxTimeoutSeconds);
        CheckRange("retryTimes", full.RetryTimes!.Value, ImagePrePullJobLimits.MaxRetryTimes);

        return new JobSettings(
            full.Concurrency!.Value,
            TimeSpan.FromSeconds(full.TimeoutSeconds!.Value),
            full.RetryTimes!.Value,
            tolerate,
            [.. full.CheckItems!],
            full.ImagePullPolicy!);
    }

    private static void CheckRange(string field, long value, long max)
    {
        if (value < 0 || value > max)
        {
            throw new ArgumentException($"spec.imagePrePullTemplate.{field}: {value} is outside the allowed range 0 to {max}.");
        }
    }
}
