using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Runtime.Options;

/// <summary>
/// The host settings that shape how one node's images are pulled, shared by the controller's and the agent's options,
/// so both hand the core scheduler the same thresholds and parallelism in the same way.
/// </summary>
internal interface INodePullTuning
{
    int ImageParallelism { get; }

    double DiskThresholdPercent { get; }

    double MemThresholdPercent { get; }

    double CpuThresholdPercent { get; }

    /// <summary>The core scheduler's options for these settings.</summary>
    SchedulerOptions ToSchedulerOptions() => new()
    {
        ImageParallelism = ImageParallelism,
        CheckThresholds = new CheckThresholds
        {
            DiskPercent = DiskThresholdPercent,
            MemPercent = MemThresholdPercent,
            CpuPercent = CpuThresholdPercent,
        },
    };
}
