using KubeEdge.PrePull.Cli.Commands.Demo;

namespace KubeEdge.PrePull.Cli.Tests.Commands.Demo;

/// <summary>Failure reasons in the demo's summary: shortened at word boundaries, the registry and the error kind kept.</summary>
public sealed class DemoTextTests
{
    private const string Image = "hangzhou.mirror.example.com/edge/inference-server:v2.4.1";

    public static TheoryData<string, string> Reasons => new()
    {
        {
            // What the PodApply puller reports for containerd's answers (the kubelet's message after its reason).
            Kubelet($"rpc error: code = NotFound desc = failed to pull and unpack image \"{Image}\": failed to resolve reference \"{Image}\": {Image}: not found"),
            $"image {Image}: ErrImagePull … {Image}: not found"
        },
        {
            Kubelet($"rpc error: code = Unknown desc = failed to pull and unpack image \"{Image}\": failed to resolve reference \"{Image}\": unexpected status from HEAD request to https://hangzhou.mirror.example.com/v2/edge/inference-server/manifests/v2.4.1: 503 Service Unavailable"),
            $"image {Image}: ErrImagePull … 503 Service Unavailable"
        },
        {
            Kubelet($"rpc error: code = Unknown desc = failed to pull and unpack image \"{Image}\": failed to resolve reference \"{Image}\": failed to do request: Head \"https://hangzhou.mirror.example.com/v2/edge/inference-server/manifests/v2.4.1\": dial tcp 203.0.113.17:443: i/o timeout"),
            $"image {Image}: ErrImagePull … dial tcp 203.0.113.17:443: i/o timeout"
        },
        {
            "the node is not ready",
            "the node is not ready"
        },
        {
            // No ": " parts: whole words from both ends.
            string.Join(' ', Enumerable.Range(1, 60).Select(i => $"word{i}")),
            "word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 … word45 word46 word47 word48 word49 word50 word51 word52 word53 word54 word55 word56 word57 word58 word59 word60"
        },
    };

    [Theory]
    [MemberData(nameof(Reasons))]
    public void ShortenReason_CutsWholeWordsAndKeepsTheRegistryAndTheErrorKind(string reason, string expected)
    {
        var shortened = DemoText.ShortenReason(reason);

        Assert.Equal(expected, shortened);
        Assert.True(shortened.Length <= DemoText.MaxReasonLength, $"{shortened.Length} characters");
        var parts = shortened.Split(" … ");
        Assert.StartsWith(parts[0], reason, StringComparison.Ordinal);
        Assert.EndsWith(parts[^1], reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortenReason_OneWordLongerThanTheLimit_IsCutToTheLimit()
    {
        var reason = "image " + new string('a', 400);

        var shortened = DemoText.ShortenReason(reason);

        Assert.True(shortened.Length <= DemoText.MaxReasonLength, $"{shortened.Length} characters");
        Assert.StartsWith("image … ", shortened, StringComparison.Ordinal);
        Assert.EndsWith("aaaa", shortened, StringComparison.Ordinal);
    }

    private static string Kubelet(string runtimeMessage) =>
        $"image {Image}: ErrImagePull: Failed to pull image \"{Image}\": {runtimeMessage}";
}
