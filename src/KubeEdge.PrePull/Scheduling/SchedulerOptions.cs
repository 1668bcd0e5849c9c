using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>How the scheduler runs nodes: image parallelism, retry backoff and check thresholds.</summary>
public sealed class SchedulerOptions
{
    /// <summary>Images of one node pulled at the same time by default: 1 (in spec order).</summary>
    public const int DefaultImageParallelism = 1;

    /// <summary>The first retry waits 1 s by default.</summary>
    public static readonly TimeSpan DefaultRetryInitialDelay = TimeSpan.FromSeconds(1);

    /// <summary>No retry waits longer than 30 s by default.</summary>
    public static readonly TimeSpan DefaultRetryMaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>A retry delay grows by up to 20 % at random by default, so that nodes failing together do not retry together.</summary>
    public const double DefaultRetryJitter = 0.2;

    /// <summary>How many images of one node are pulled at the same time. Default: <see cref="DefaultImageParallelism"/>.</summary>
    public int ImageParallelism { get; set; } = DefaultImageParallelism;

    /// <summary>The delay before the first retry of an image; it doubles for each further retry. Default: <see cref="DefaultRetryInitialDelay"/>.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = DefaultRetryInitialDelay;

    /// <summary>The longest delay between two attempts, jitter included. Default: <see cref="DefaultRetryMaxDelay"/>.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = DefaultRetryMaxDelay;

    /// <summary>The largest random fraction added to a retry delay, in [0,1]. Default: <see cref="DefaultRetryJitter"/>.</summary>
    public double RetryJitter { get; set; } = DefaultRetryJitter;

    /// <summary>The usage thresholds of the check items. Default: <see cref="CheckThresholds.Default"/> (80 % each).</summary>
    public CheckThresholds CheckThresholds { get; set; } = CheckThresholds.Default;

    /// <summary>
    /// Whether the progress stream (<see cref="JobRun.Updates"/>) carries every finished step of a node
    /// (<see cref="NodeUpdateKind.CheckFinished"/>, <see cref="NodeUpdateKind.ImageFinished"/>) or only its dispatch and
    /// its end. Default: <see langword="true"/>; even then a node whose backend answers every step synchronously
    /// streams its dispatch and end only (docs/design.md §2 "Progress"). Without steps a node costs two updates instead
    /// of two plus one per step, and no snapshot of its intermediate states is built; <see cref="JobRun.GetNodes"/>
    /// still shows the finished steps of the nodes in flight.
    /// </summary>
    public bool StreamSteps { get; set; } = true;

    /// <summary>Throws when a value is out of range, naming the property.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ImageParallelism, 1, nameof(ImageParallelism));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryInitialDelay, TimeSpan.Zero, nameof(RetryInitialDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryMaxDelay, RetryInitialDelay, nameof(RetryMaxDelay));
        if (RetryJitter is < 0 or > 1 || double.IsNaN(RetryJitter))
        {
            throw new ArgumentOutOfRangeException(nameof(RetryJitter), RetryJitter, "RetryJitter must be in [0,1].");
        }

        ArgumentNullException.ThrowIfNull(CheckThresholds, nameof(CheckThresholds));
    }
}
