using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Cli.Commands.Demo;

/// <summary>
/// The registries behind the simulated kubelets: each pull of an image on a node takes 20-200 ms and fails with a
/// registry error for a <see cref="DemoSettings.FailureRate"/> share of (node, image) pairs. Both are derived from
/// the seed, the node and the image alone, so a run is repeatable whatever order the controller dispatches in.
/// </summary>
/// <remarks>References in <c>missing</c> (a mirror that lacks an image) always fail as not found.</remarks>
internal sealed class SimulatedRegistryPuller(int seed, double failureRate, TimeProvider time, IReadOnlyCollection<string>? missing = null) : IImagePuller
{
    public const int MinLatencyMilliseconds = 20;
    public const int MaxLatencyMilliseconds = 200;

    public string Name => "demo-registries";

    public IReadOnlyCollection<string> SupportedCheckItems => [];

    public ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(CheckResult.Passed);

    public async ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var roll = Roll(request.NodeName, request.ResolvedImage);
        await Task.Delay(roll.Latency, time, cancellationToken).ConfigureAwait(false);
        return roll.Fails ? PullResult.Failure(roll.Kind, RegistryError(request.ResolvedImage, roll.Kind)) : PullResult.Success(imageRef: null);
    }

    /// <summary>The fate of one image on one node.</summary>
    public (TimeSpan Latency, bool Fails, PullFailureKind Kind) Roll(string node, string image)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{seed}\n{node}\n{image}")), hash);
        var unit = (BinaryPrimitives.ReadUInt64LittleEndian(hash) >> 11) * (1.0 / (1UL << 53));
        var second = BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]);
        var latency = MinLatencyMilliseconds + (int)(second % (MaxLatencyMilliseconds - MinLatencyMilliseconds + 1));
        var kind = ((second >> 32) % 3) switch
        {
            0 => PullFailureKind.NotFound,
            1 => PullFailureKind.RegistryUnreachable,
            _ => PullFailureKind.Other,
        };
        return missing?.Contains(image) == true
            ? (TimeSpan.FromMilliseconds(latency), true, PullFailureKind.NotFound)
            : (TimeSpan.FromMilliseconds(latency), unit < failureRate, kind);
    }

    /// <summary>What containerd says for such a failure (the kubelet prefixes <c>Failed to pull image "IMAGE": </c>).</summary>
    private static string RegistryError(string image, PullFailureKind kind)
    {
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        var host = slash > 0 ? image[..slash] : "registry";
        var path = slash > 0 ? image[(slash + 1)..] : image;
        var colon = path.LastIndexOf(':');
        var (repository, tag) = colon > 0 ? (path[..colon], path[(colon + 1)..]) : (path, "latest");
        var prefix = $"rpc error: code = {(kind == PullFailureKind.NotFound ? "NotFound" : "Unknown")} desc = failed to pull and unpack image \"{image}\": ";
        return prefix + kind switch
        {
            PullFailureKind.NotFound => $"failed to resolve reference \"{image}\": {image}: not found",
            PullFailureKind.RegistryUnreachable => $"failed to resolve reference \"{image}\": failed to do request: Head \"https://{host}/v2/{repository}/manifests/{tag}\": dial tcp 203.0.113.17:443: i/o timeout",
            _ => $"failed to resolve reference \"{image}\": unexpected status from HEAD request to https://{host}/v2/{repository}/manifests/{tag}: 503 Service Unavailable",
        };
    }
}
