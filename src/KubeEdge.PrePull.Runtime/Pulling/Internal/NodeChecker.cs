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
            string? failure;
            try
            {
                failure = await CheckItemAsync(item, request.Thresholds, imageFilesystem, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or FormatException)
            {
                failure = $"check item \"{item}\" could not be measured: {e.Message}";
            }

            if (failure is not null)
            {
                failures.Add(failure);
            }
        }

        return failures.Count == 0 ? CheckResult.Passed : CheckResult.Failed(string.Join("; ", failures));
    }

    private async ValueTask<string?> CheckItemAsync(string item, CheckThresholds thresholds, ImageFilesystem imageFilesystem, CancellationToken cancellationToken) =>
        item switch
        {
            CheckItems.Disk => await DiskAsync(thresholds.DiskPercent, imageFilesystem, cancellationToken).ConfigureAwait(false),
            CheckItems.Mem => Compare("memory usage", HostUsage.MemoryPercent(procPath), thresholds.MemPercent, string.Empty),
            CheckItems.Cpu => Compare(
                "cpu usage",
                await HostUsage.CpuPercentAsync(procPath, cpuSampleInterval, timeProvider, cancellationToken).ConfigureAwait(false),
                thresholds.CpuPercent,
                string.Empty),
            _ => $"check item \"{item}\" is not supported by the {backend} backend (it can check {string.Join(", ", Items)})",
        };

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
