using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using KubeEdge.PrePull.Images;

namespace KubeEdge.PrePull.Benchmarks;

/// <summary>
/// Issue 3, performance: parsing and normalizing 10 typical references (ns and bytes per reference). The baseline
/// is the straightforward port: upstream's anchored reference regex, then Docker Hub normalization by string
/// concatenation.
/// </summary>
[MemoryDiagnoser]
public partial class ImageReferenceBenchmark
{
    private const int Count = 10;

    private static readonly string[] References =
    [
        "nginx",
        "nginx:1.27",
        "library/busybox:latest",
        "bitnami/redis:7.2.4-debian-12-r9",
        "harbor.example.com/team/app:v1.0.0",
        "registry.cn-shanghai.aliyuncs.com/team/worker:v2",
        "localhost:5000/app@sha256:50d858e0985ecc7f60418aaf0cc5ab587f42c2570a884095a9e8ccacd0f6545c",
        "quay.io/prometheus/node-exporter:v1.8.2",
        "[fc00::1]:5000/docker/docker:stable",
        "registry.k8s.io/pause:3.10@sha256:ee6521f290b2168b6e0935a181d4cff9be1ac3f505666ef0e3c98fae8199917a",
    ];

    /// <summary>The regex port: validate and capture with the grammar, then normalize the Docker Hub forms.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public int RegexPort()
    {
        var total = 0;
        foreach (var reference in References)
        {
            var match = ReferencePattern().Match(reference);
            if (!match.Success)
            {
                continue;
            }

            var name = match.Groups["name"].Value;
            var slash = name.IndexOf('/', StringComparison.Ordinal);
            var first = slash < 0 ? string.Empty : name[..slash];
            var isDomain = first.Length > 0 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost" || first.Any(char.IsAsciiLetterUpper));
            var normalized = isDomain ? name : slash < 0 ? "docker.io/library/" + name : "docker.io/" + name;
            total += normalized.Length + match.Groups["tag"].Length + match.Groups["digest"].Length;
        }

        return total;
    }

    /// <summary>The project's parser: <see cref="ImageReference.TryParse"/>, then the normalized name.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public int ImageReferenceTryParse()
    {
        var total = 0;
        foreach (var reference in References)
        {
            if (ImageReference.TryParse(reference, out var parsed, out _))
            {
                total += parsed.Name.Length + (parsed.Tag?.Length ?? 0) + (parsed.Digest?.Length ?? 0);
            }
        }

        return total;
    }

    [GeneratedRegex(
        @"^(?<name>(?:(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?/)?"
        + @"[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*)"
        + @"(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?"
        + @"(?:@(?<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();
}
