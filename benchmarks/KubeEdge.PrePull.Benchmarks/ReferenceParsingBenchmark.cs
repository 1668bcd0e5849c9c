using BenchmarkDotNet.Attributes;
using KubeEdge.PrePull.Images;

namespace KubeEdge.PrePull.Benchmarks;

/// <summary>
/// Parsing and normalizing 10 typical image references (docs/design.md §4, issue 3): the hand-written
/// <see cref="ImageReference"/> scanner against a Regex-based port. Figures are per reference.
/// </summary>
[MemoryDiagnoser]
public class ReferenceParsingBenchmark
{
    private const int References = 10;

    private string[] _inputs = [];

    [GlobalSetup]
    public void Setup() => _inputs =
    [
        "nginx",
        "nginx:1.27",
        "library/busybox:latest",
        "docker.io/bitnami/redis:7.2",
        "gcr.io/google-containers/pause:3.9",
        "registry.k8s.io/kube-proxy:v1.30.0",
        "harbor.example.com/jili/example:v1.0.0",
        "registry.cn-shanghai.aliyuncs.com/team/app:v2",
        "localhost:5000/tools/debug@sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582",
        "quay.io/prometheus/node-exporter:v1.8.1@sha256:50d858e0985ecc7f60418aaf0cc5ab587f42c2570a884095a9e8ccacd0f6545c",
    ];

    [Benchmark(Baseline = true, OperationsPerInvoke = References)]
    public int RegexBaseline()
    {
        var length = 0;
        foreach (var input in _inputs)
        {
            length += RegexReferenceParser.Normalize(input)!.Length;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = References)]
    public int ImageReferenceTryParse()
    {
        var length = 0;
        foreach (var input in _inputs)
        {
            if (ImageReference.TryParse(input, out var reference, out _))
            {
                length += reference.ToString().Length;
            }
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = References)]
    public int ImageReferenceTryParseAndName()
    {
        var length = 0;
        foreach (var input in _inputs)
        {
            if (ImageReference.TryParse(input, out var reference, out _))
            {
                length += reference.Name.Length;
            }
        }

        return length;
    }
}
