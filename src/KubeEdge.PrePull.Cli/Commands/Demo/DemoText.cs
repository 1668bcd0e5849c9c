using System.Globalization;

namespace KubeEdge.PrePull.Cli.Commands.Demo;

/// <summary>Wording shared by both displays, so the live and the plain output say the same things.</summary>
internal static class DemoText
{
    public const int MaxReasonLength = 180;

    /// <summary>Failure reasons listed at the end; the rest are summed up in one line.</summary>
    public const int MaxFailureGroups = 5;

    public static IReadOnlyList<string> Header { get; } = ["region", "nodes", "succeeded", "failed", "skipped", "registry", "secret"];

    public static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";

    public static string Progress(JobProgress p) => p.Total == 0 ? $"[{Seconds(p.Elapsed),7}] {p.Phase,-10} waiting for the controller to select nodes" : string.Create(
        CultureInfo.InvariantCulture,
        $"[{Seconds(p.Elapsed),7}] {p.Phase,-10} succeeded {p.Succeeded,5}  failed {p.Failed,5}  in progress {p.InProgress,5}  pending {p.Pending,5}  (of {p.Total})");

    public static IReadOnlyList<string> Row(RegionRow row) =>
        [row.Region, Number(row.Nodes), Number(row.Succeeded), Number(row.Failed), Number(row.Skipped), row.Registries, row.Secrets];

    public static IReadOnlyList<string> Total(DemoReport report) =>
        ["total", Number(report.Regions.Sum(r => r.Nodes)), Number(report.Regions.Sum(r => r.Succeeded)), Number(report.Regions.Sum(r => r.Failed)), Number(report.Regions.Sum(r => r.Skipped)), string.Empty, string.Empty];

    public static string NotSelected(DemoReport report) =>
        $"not selected: {report.NotSelected.Count} node{Plural(report.NotSelected.Count)} without the edge label ({string.Join(", ", report.NotSelected.Take(5))}{(report.NotSelected.Count > 5 ? ", ..." : string.Empty)})";

    public static string Failure(FailureGroup group) =>
        string.Create(CultureInfo.InvariantCulture, $"{group.Nodes,5} node{Plural(group.Nodes)}: {Shorten(group.Reason)} (e.g. {group.Example})");

    public static string? OtherFailures(DemoReport report)
    {
        var rest = report.Failures.Skip(MaxFailureGroups).Sum(g => g.Nodes);
        return rest == 0 ? null : $"{rest,5} more node{Plural(rest)} with other reasons (see the status file)";
    }

    public static string Outcome(DemoReport report)
    {
        var s = report.Summary;
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"job {report.JobName}: {report.Phase} after {Seconds(report.Elapsed)}: {s.Successful} of {s.Total} nodes successful, {s.Failed} failed, {s.Unknown} unknown, {s.Pending} pending");
        return string.IsNullOrEmpty(report.Reason) ? text : text + ": " + report.Reason;
    }

    public static string StatusFile(DemoReport report) => "final status: " + report.StatusFile;

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Plural(int count) => count == 1 ? string.Empty : "s";

    /// <summary>
    /// Cuts the middle out of a long reason: its start names the image and its end says what the registry answered
    /// (the runtime repeats the image reference several times in between).
    /// </summary>
    private static string Shorten(string reason)
    {
        if (reason.Length <= MaxReasonLength)
        {
            return reason;
        }

        // "image REF: ErrImagePull: ..." keeps "image REF"; anything else keeps its first third.
        const string Gap = " ... ";
        var colon = reason.IndexOf(": ", StringComparison.Ordinal);
        var head = colon > 0 && colon < MaxReasonLength / 2 ? colon : MaxReasonLength / 3;
        return reason[..head] + Gap + reason[^(MaxReasonLength - head - Gap.Length)..];
    }
}
