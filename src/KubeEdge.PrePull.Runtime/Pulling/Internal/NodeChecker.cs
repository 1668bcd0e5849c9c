using System.Globalization;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Pulling.Internal;

/// <summary>
/// Runs a node's check items for a puller on the node: <c>mem</c> and <c>cpu</c> from the host's procfs, <c>disk</c>
/// from the filesystem holding the runtime's images (the backend says which path that is).
/// </summary>
internal sealed class NodeChecker(string backend, string procPath, TimeSpan cpuSampleInterval, TimeProvider timeProvider)
{
    public delegate ValueTask<string> ImageFilesystem(CancellationToken cancellationToken);

    public static IReadOnlyCollection<string> Items { get; } = [CheckItems.Disk, CheckItems.Mem, CheckItems.Cpu];

    public async ValueTask<CheckResult> CheckAsync(CheckRequest request, ImageFilesystem imageFilesystem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var failures = new List<string>();
        foreach (var item in request.Items)
        {
            var failure = item switch
            {
                CheckItems.Disk => await DiskAsync(request.Thresholds.DiskPercent, imageFilesystem, cancellationToken).ConfigureAwait(false),
                CheckItems.Mem => Compare("memory usage", HostUsage.MemoryPercent(procPath), request.Thresholds.MemPercent, string.Empty),
                CheckItems.Cpu => Compare(
                    "cpu usage",
                    await HostUsage.CpuPercentAsync(procPath, cpuSampleInterval, timeProvider, cancellationToken).ConfigureAwait(false),
                    request.Thresholds.CpuPercent,
                    string.Empty),
                _ => $"check item \"{item}\" is not supported by the {backend} backend (it can check {string.Join(", ", Items)})",
            };
            if (failure is not null)
            {
                failures.Add(failure);
            }
        }

        return failures.Count == 0 ? CheckResult.Passed : CheckResult.Failed(string.Join("; ", failures));
    }

    private static async ValueTask<string?> DiskAsync(double threshold, ImageFilesystem imageFilesystem, CancellationToken cancellationToken)
    {
        var path = await imageFilesystem(cancellationToken).ConfigureAwait(false);
        var (percent, total) = HostUsage.FilesystemPercent(path);
        return Compare("disk usage", percent, threshold, $" of the image filesystem at {path} ({total / (1024 * 1024)} MiB)");
    }

    private static string? Compare(string what, double percent, double threshold, string where) => percent > threshold
        ? string.Create(CultureInfo.InvariantCulture, $"{what} {percent:0.#}%{where} is above the threshold {threshold:0.#}%")
        : null;
}
