using System.Globalization;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Images;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Registries;

namespace KubeEdge.PrePull.Runtime.Pulling.Internal;

/// <summary>
/// Runs a node's check items for a puller on the node: <c>mem</c> and <c>cpu</c> from the host's procfs, <c>disk</c>
/// from the filesystem holding the runtime's images (the backend says which path that is): its usage against the
/// threshold, then its free space against the node's images' size from their manifests (docs/design.md §2 "Check items").
/// </summary>
internal sealed class NodeChecker(string backend, string procPath, TimeSpan cpuSampleInterval, TimeProvider timeProvider)
{
    public delegate ValueTask<string> ImageFilesystem(CancellationToken cancellationToken);

    private readonly RegistryClient _registry = new(RegistryHttp.Shared);

    public static IReadOnlyCollection<string> Items { get; } = [CheckItems.Disk, CheckItems.Mem, CheckItems.Cpu];

    /// <summary>Reads the free bytes at the image filesystem's path; <see langword="null"/> asks the filesystem.</summary>
    public Func<string, long>? FreeSpaceReader { get; init; }

    public async ValueTask<CheckResult> CheckAsync(CheckRequest request, ImageFilesystem imageFilesystem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var failures = new List<string>();
        foreach (var item in request.Items)
        {
            string? failure;
            try
            {
                failure = await CheckItemAsync(item, request, imageFilesystem, cancellationToken).ConfigureAwait(false);
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

    private async ValueTask<string?> CheckItemAsync(string item, CheckRequest request, ImageFilesystem imageFilesystem, CancellationToken cancellationToken)
    {
        var thresholds = request.Thresholds;
        return item switch
        {
            CheckItems.Disk => await DiskAsync(thresholds.DiskPercent, request.Images, imageFilesystem, cancellationToken).ConfigureAwait(false),
            CheckItems.Mem => Compare("memory usage", HostUsage.MemoryPercent(procPath), thresholds.MemPercent, string.Empty),
            CheckItems.Cpu => Compare(
                "cpu usage",
                await HostUsage.CpuPercentAsync(procPath, cpuSampleInterval, timeProvider, cancellationToken).ConfigureAwait(false),
                thresholds.CpuPercent,
                string.Empty),
            _ => $"check item \"{item}\" is not supported by the {backend} backend (it can check {string.Join(", ", Items)})",
        };
    }

    private async ValueTask<string?> DiskAsync(double threshold, IReadOnlyList<ImagePlan> images, ImageFilesystem imageFilesystem, CancellationToken cancellationToken)
    {
        var path = await imageFilesystem(cancellationToken).ConfigureAwait(false);
        var (percent, total) = HostUsage.FilesystemPercent(path);
        return Compare("disk usage", percent, threshold, $" of the image filesystem at {path} ({total / (1024 * 1024)} MiB)")
            ?? await SpaceAsync(path, images, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The free space against the images' size: each distinct resolved image's manifest layer sizes (and config) × 2
    /// for the download and its unpacked copy, as OpenShift's pinned-image check counts (docs/design.md §2 "Check items").
    /// An image whose manifest cannot be read is left out: its pull reports the registry's answer.
    /// </summary>
    private async ValueTask<string?> SpaceAsync(string path, IReadOnlyList<ImagePlan> images, CancellationToken cancellationToken)
    {
        long required = 0;
        var counted = new List<string>();
        foreach (var image in images)
        {
            if (image.Error is not null || image.ResolvedImage is not { } resolved || counted.Contains(resolved, StringComparer.Ordinal)
                || !ImageReference.TryParse(resolved, out var reference, out _))
            {
                continue;
            }

            counted.Add(resolved);
            required += await RequiredBytesAsync(reference, image.Credentials, cancellationToken).ConfigureAwait(false) ?? 0;
        }

        if (required == 0)
        {
            return null;
        }

        var free = FreeSpaceReader?.Invoke(path) ?? new DriveInfo(path).AvailableFreeSpace;
        return free >= required
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"disk space: the images need {required} bytes (their layers × 2 for unpacking) but the image filesystem at {path} has {free} bytes free");
    }

    private async ValueTask<long?> RequiredBytesAsync(ImageReference image, IReadOnlyList<PullCredential> credentials, CancellationToken cancellationToken)
    {
        foreach (var credential in credentials.Count == 0 ? [null] : credentials.Cast<PullCredential?>())
        {
            try
            {
                return (await _registry.GetSizeAsync(image, credential, cancellationToken).ConfigureAwait(false)).RequiredBytes;
            }
            catch (RegistryException)
            {
                // The next credential, or none: the pull itself reports why the registry refused.
            }
        }

        return null;
    }

    private static string? Compare(string what, double percent, double threshold, string where) => percent > threshold
        ? string.Create(CultureInfo.InvariantCulture, $"{what} {percent:0.#}%{where} is above the threshold {threshold:0.#}%")
        : null;
}
