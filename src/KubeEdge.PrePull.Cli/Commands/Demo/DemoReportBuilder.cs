using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Testing.Fleet;

namespace KubeEdge.PrePull.Cli.Commands.Demo;

/// <summary>Reads the final job and the cluster's nodes into the demo's summary.</summary>
internal static class DemoReportBuilder
{
    private const string NoRegion = "(no region)";

    public static DemoReport Build(ImagePrePullJob job, IEnumerable<V1Node> nodes, TimeSpan elapsed, string statusFile)
    {
        var status = job.Status ?? new ImagePrePullJobStatus();
        var entries = (status.NodeStatus ?? [])
            .Where(e => e.NodeName is not null)
            .GroupBy(e => e.NodeName!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var all = nodes.ToList();
        var selected = all.Where(IsEdge).ToList();
        var notSelected = all.Where(n => !IsEdge(n)).Select(n => n.Metadata.Name).Order(StringComparer.Ordinal).ToList();
        var regions = selected
            .GroupBy(Region, StringComparer.Ordinal)
            .OrderBy(g => RegionOrder(g.Key))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(g.Key, [.. g.Select(n => entries.GetValueOrDefault(n.Metadata.Name))]))
            .ToList();
        return new DemoReport(job.Metadata.Name, status.Phase ?? "Unknown", status.Reason, status.Summary ?? new JobSummary(), elapsed, regions, notSelected, Failures(entries.Values), statusFile);
    }

    /// <summary>
    /// A region's row. Above the controller's detail limit the status keeps only the nodes that did not succeed,
    /// so a selected node without an entry is counted as successful (the job is finished when this runs).
    /// </summary>
    private static RegionRow Row(string region, IReadOnlyList<ImagePrePullNodeTaskStatus?> entries)
    {
        var failed = entries.Count(e => e?.Phase is NodeTaskPhases.Failure or NodeTaskPhases.Unknown);
        var skipped = entries.Count(e => e?.Phase is NodeTaskPhases.Pending or NodeTaskPhases.InProgress);
        var images = entries.SelectMany(e => e?.ImageStatus ?? []).ToList();
        var pulled = images.Where(i => i.Status == "True").ToList();
        var shown = pulled.Count > 0 ? pulled : images;
        var registries = shown.Select(i => RegistryOf(i.ResolvedImage ?? i.Image)).OfType<string>().Distinct(StringComparer.Ordinal);
        var secrets = shown.Select(i => i.Secret).OfType<string>().Distinct(StringComparer.Ordinal);
        return new RegionRow(region, entries.Count, entries.Count - failed - skipped, failed, skipped, Join(registries), Join(secrets));
    }

    private static List<FailureGroup> Failures(IEnumerable<ImagePrePullNodeTaskStatus> entries) => entries
        .Where(e => e.Phase is NodeTaskPhases.Failure or NodeTaskPhases.Unknown)
        .Select(e => (Node: e.NodeName!, Reason: ReasonOf(e)))
        .GroupBy(f => f.Reason, StringComparer.Ordinal)
        .Select(g => new FailureGroup(g.Key, g.Count(), g.Select(f => f.Node).Min(StringComparer.Ordinal)!))
        .OrderByDescending(g => g.Nodes)
        .ThenBy(g => g.Reason, StringComparer.Ordinal)
        .ToList();

    /// <summary>The first failed image's reason (the registry's words) or else the node's (not ready, a check, a timeout).</summary>
    private static string ReasonOf(ImagePrePullNodeTaskStatus entry) =>
        entry.ImageStatus?.FirstOrDefault(i => i.Status != "True" && !string.IsNullOrEmpty(i.Reason))?.Reason
        ?? (string.IsNullOrEmpty(entry.Reason) ? "(no reason given)" : entry.Reason);

    private static bool IsEdge(V1Node node) =>
        node.Metadata.Labels?.TryGetValue(NodeFleetOptions.EdgeRoleLabel, out var value) == true && value.Length == 0;

    private static string Region(V1Node node) =>
        node.Metadata.Labels?.TryGetValue(NodeFleetOptions.RegionLabel, out var region) == true ? region : NoRegion;

    private static int RegionOrder(string region)
    {
        var index = DemoScenario.Regions.ToList().IndexOf(region);
        return index < 0 ? int.MaxValue : index;
    }

    /// <summary>The registry host of a reference: its first component when that looks like a host.</summary>
    private static string? RegistryOf(string? image)
    {
        if (string.IsNullOrEmpty(image))
        {
            return null;
        }

        var slash = image.IndexOf('/', StringComparison.Ordinal);
        var first = slash > 0 ? image[..slash] : string.Empty;
        return first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost" ? first : "(Docker Hub)";
    }

    private static string Join(IEnumerable<string> values)
    {
        var text = string.Join(", ", values);
        return text.Length == 0 ? "-" : text;
    }
}
