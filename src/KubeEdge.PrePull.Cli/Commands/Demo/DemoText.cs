using System.Globalization;

namespace KubeEdge.PrePull.Cli.Commands.Demo;

/// <summary>Wording shared by both displays, so the live and the plain output say the same things.</summary>
internal static class DemoText
{
    public const int MaxReasonLength = 180;

    private const string Ellipsis = " … ";
    private const string Separator = ": ";

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
        string.Create(CultureInfo.InvariantCulture, $"{group.Nodes,5} node{Plural(group.Nodes)}: {ShortenReason(group.Reason)} (e.g. {group.Example})");

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
    /// Cuts the middle out of a long reason, at word boundaries, with an ellipsis: the runtime's message repeats the
    /// image reference several times in between. Kept are its start, which names the image and so the registry (with
    /// the kubelet's reason, e.g. <c>image REF: ErrImagePull</c>), and as many whole <c>": "</c>-separated parts of
    /// its end as fit, which say what the registry answered (<c>not found</c>, <c>503 Service Unavailable</c>,
    /// <c>i/o timeout</c>).
    /// </summary>
    internal static string ShortenReason(string reason)
    {
        if (reason.Length <= MaxReasonLength)
        {
            return reason;
        }

        var head = Head(reason);
        var tail = Tail(reason[head.Length..], MaxReasonLength - head.Length - Ellipsis.Length);
        return head + Ellipsis + tail;
    }

    /// <summary>"image REF" or "image REF: Reason" when that is short enough, else the first whole words of a third.</summary>
    private static string Head(string reason)
    {
        var first = reason.IndexOf(Separator, StringComparison.Ordinal);
        if (first > 0 && first <= MaxReasonLength / 2)
        {
            // A one-word part after it is the kubelet's reason (ErrImagePull, ImagePullBackOff): the kind of error.
            var second = reason.IndexOf(Separator, first + Separator.Length, StringComparison.Ordinal);
            var word = second > 0 ? reason[(first + Separator.Length)..second] : string.Empty;
            return word.Length > 0 && !word.Contains(' ', StringComparison.Ordinal) && second <= MaxReasonLength / 2 ? reason[..second] : reason[..first];
        }

        return Words(reason, MaxReasonLength / 3, fromEnd: false);
    }

    /// <summary>The longest end of <paramref name="rest"/> made of whole parts within <paramref name="budget"/>, else of whole words.</summary>
    private static string Tail(string rest, int budget)
    {
        var tail = string.Empty;
        for (var at = rest.LastIndexOf(Separator, StringComparison.Ordinal); at >= 0; at = at == 0 ? -1 : rest.LastIndexOf(Separator, at - 1, StringComparison.Ordinal))
        {
            var candidate = rest[(at + Separator.Length)..];
            if (candidate.Length > budget)
            {
                break;
            }

            tail = candidate;
        }

        return tail.Length > 0 ? tail : Words(rest, budget, fromEnd: true);
    }

    /// <summary>
    /// The whole words of one end of <paramref name="text"/> within <paramref name="budget"/> characters; when not even
    /// one word fits, that word cut to the budget (a reference or a URL without spaces).
    /// </summary>
    private static string Words(string text, int budget, bool fromEnd)
    {
        text = text.Trim();
        if (text.Length <= budget)
        {
            return text;
        }

        if (fromEnd)
        {
            // From one before the cut, so a word starting right at the cut is kept whole.
            var space = text.IndexOf(' ', text.Length - budget - 1);
            return space >= 0 && space < text.Length - 1 ? text[(space + 1)..] : text[^budget..];
        }

        var last = text.LastIndexOf(' ', budget);
        return last > 0 ? text[..last] : text[..budget];
    }
}
