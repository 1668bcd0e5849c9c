using System.Globalization;

namespace KubeEdge.PrePull.Cli.Plans;

/// <summary>
/// The human-readable form of a <see cref="PlanReport"/>: one block per distinct plan with its node count and
/// first node names, then the failed nodes and the secret warnings; per-node lines only when asked for.
/// </summary>
internal static class PlanTable
{
    /// <summary>How many node names a plan's heading shows before "and N more".</summary>
    public const int NamesShown = 5;

    private static readonly string[] Headings = ["IMAGE", "RESOLVED", "SECRET", "CANDIDATES"];

    /// <summary>Writes the report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="allNodes">Whether to end with one line per node.</param>
    /// <param name="output">Where to write.</param>
    public static void Write(PlanReport report, bool allNodes, TextWriter output)
    {
        output.WriteLine($"ImagePrePullJob \"{report.JobName}\" ({report.JobApiVersion})");
        if (report.CompletionPolicy is { } policy)
        {
            output.WriteLine("Completion policy: " + Describe(policy));
        }

        if (report.Error is not null)
        {
            output.WriteLine($"The job would fail before touching any node: {report.Error}");
            return;
        }

        output.WriteLine(Invariant($"{Count(report.PlannedNodeCount + report.FailedNodeCount, "node")}: {report.PlannedNodeCount} planned in {Count(report.Plans.Count, "distinct plan")}, {report.FailedNodeCount} failed, {Count(report.NodesWithImageErrors, "node")} with image errors"));
        for (var i = 0; i < report.Plans.Count; i++)
        {
            output.WriteLine();
            WritePlan(report.Plans[i], i + 1, output);
        }

        if (report.FailedNodes.Count > 0)
        {
            output.WriteLine();
            output.WriteLine(Invariant($"Failed nodes: {report.FailedNodeCount}"));
            foreach (var group in report.FailedNodes)
            {
                output.WriteLine($"  {group.Reason}: {Names(group.Nodes)}");
            }
        }

        if (report.WaitingNodes.Count > 0)
        {
            output.WriteLine();
            output.WriteLine(Invariant($"Nodes that wait for Ready: {report.WaitingNodeCount}"));
            foreach (var group in report.WaitingNodes)
            {
                output.WriteLine($"  waits for Ready ({group.Reason} now): {Names(group.Nodes)}");
            }
        }

        if (report.SecretWarnings.Count > 0)
        {
            output.WriteLine();
            output.WriteLine(Invariant($"Secret warnings: {report.SecretWarnings.Count}"));
            foreach (var warning in report.SecretWarnings)
            {
                output.WriteLine($"  {warning}");
            }
        }

        if (allNodes)
        {
            WriteNodes(report, output);
        }
    }

    private static void WritePlan(PlanGroup plan, int id, TextWriter output)
    {
        output.WriteLine(Invariant($"Plan {id}: {Count(plan.Nodes.Count, "node")}: {Names(plan.Nodes)}"));
        var rows = plan.Images.Select(Row).Prepend(Headings).ToArray();
        var widths = Enumerable.Range(0, Headings.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            var cells = row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]));
            output.WriteLine("  " + string.Join("  ", cells).TrimEnd());
        }

        foreach (var image in plan.Images.Where(i => i.Error is not null))
        {
            output.WriteLine($"  error: {image.Image}: {image.Error}");
        }

        // docs/design.md §2 "Overrides": what a failing overridden reference falls back to, and with which secret.
        foreach (var image in plan.Images.Where(i => i.FallbackImage is not null))
        {
            output.WriteLine($"  fallback: {image.FallbackImage} with {image.FallbackSecret ?? "(anonymous)"} if {image.ResolvedImage} fails");
        }

        // A warning is about the node's set of secrets, so the images of a plan share it: print it once.
        foreach (var warning in plan.Images.Select(i => i.Warning).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            output.WriteLine($"  warning: {warning}");
        }
    }

    private static string[] Row(PlannedImage image) =>
    [
        image.Image,
        image.ResolvedImage ?? "(error)",
        image.Outcome switch
        {
            ImageOutcome.Credential => image.Secret!,
            ImageOutcome.Anonymous => "(anonymous)",
            _ => "-",
        },
        image.CandidateSecrets.Count == 0 ? "-" : string.Join(", ", image.CandidateSecrets),
    ];

    private static void WriteNodes(PlanReport report, TextWriter output)
    {
        var lines = report.Plans.SelectMany((plan, i) => plan.Nodes.Select(n => (Node: n, What: Invariant($"plan {i + 1}"))))
            .Concat(report.FailedNodes.SelectMany(f => f.Nodes.Select(n => (Node: n, What: "failed: " + f.Reason))))
            .Concat(report.WaitingNodes.SelectMany(w => w.Nodes.Select(n => (Node: n, What: "waits for Ready: " + w.Reason))))
            .OrderBy(l => l.Node, StringComparer.Ordinal)
            .ToArray();
        if (lines.Length == 0)
        {
            return;
        }

        var width = lines.Max(l => l.Node.Length);
        output.WriteLine();
        output.WriteLine("Nodes:");
        foreach (var (node, what) in lines)
        {
            output.WriteLine($"  {node.PadRight(width)}  {what}");
        }
    }

    // "Always, active deadline 3600s, deleted 86400s after it finishes".
    private static string Describe(Api.CompletionPolicy policy)
    {
        var text = new System.Text.StringBuilder(policy.Type ?? Api.CompletionPolicyTypes.Always);
        text.Append(policy.Type == Api.CompletionPolicyTypes.Never ? " (stays InProgress; takes nodes that join or become Ready)" : string.Empty);
        if (policy.ActiveDeadlineSeconds is { } deadline)
        {
            text.Append(Invariant($", active deadline {deadline}s"));
        }

        if (policy.TtlSecondsAfterFinished is { } ttl)
        {
            text.Append(Invariant($", deleted {ttl}s after it finishes"));
        }

        return text.ToString();
    }

    private static string Names(IReadOnlyList<string> nodes) =>
        nodes.Count <= NamesShown
            ? string.Join(", ", nodes)
            : Invariant($"{string.Join(", ", nodes.Take(NamesShown))} and {nodes.Count - NamesShown} more");

    private static string Count(int count, string noun) => Invariant($"{count} {noun}{(count == 1 ? string.Empty : "s")}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
