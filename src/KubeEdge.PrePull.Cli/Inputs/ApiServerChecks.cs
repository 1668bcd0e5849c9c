using System.Globalization;
using System.Text;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Names;
using KubeEdge.PrePull.Serialization;
using KubeEdge.PrePull.Validation;

namespace KubeEdge.PrePull.Cli.Inputs;

/// <summary>
/// What the API server refuses before the controller ever sees a job, so the controller's own validation never reports
/// it: a name that is not a DNS-1123 subdomain, and an object bigger than the API server stores (docs/design.md §3,
/// "Testing kit and tool").
/// </summary>
internal static class ApiServerChecks
{
    /// <summary>
    /// The biggest object the API server stores: etcd's default request limit (<c>--max-request-bytes</c>, 1.5 MiB).
    /// docs/design.md §4 keeps a job's status under 1 MiB for the same reason.
    /// </summary>
    public const int MaxObjectBytes = 1_572_864;

    private const string WholeJob = "(the whole job)";

    /// <summary>The problems of <paramref name="job"/> the API server would answer with an error; empty when none.</summary>
    public static IReadOnlyList<ValidationProblem> Check(ImagePrePullJob job)
    {
        var problems = new List<ValidationProblem>();
        if (job.Metadata?.Name is { Length: > 0 } name && KubernetesNames.CheckDns1123Subdomain(name) is { } why)
        {
            problems.Add(new("metadata.name", $"Invalid value: \"{name}\": {why}"));
        }

        // kubectl sends the job as JSON: that is what the API server measures.
        var bytes = Encoding.UTF8.GetByteCount(ImagePrePullJobSerializer.Serialize(job));
        if (bytes > MaxObjectBytes)
        {
            problems.Add(new(WholeJob, $"Too long: the job is {Size(bytes)} as JSON; the API server stores at most {Size(MaxObjectBytes)} per object (split its nodes or images over several jobs)"));
        }

        return problems;
    }

    private static string Size(int bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.##} MiB ({bytes:N0} bytes)");
}
