using System.Text;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Selection;

namespace KubeEdge.PrePull.Cli.Plans;

/// <summary>
/// Turns a node selection and the core's <see cref="JobPlan"/> into a <see cref="PlanReport"/>: nodes whose plans
/// read the same are merged into one group, so 10,000 nodes in 3 regions make 3 groups, not 10,000 entries.
/// </summary>
internal static class PlanReportBuilder
{
    /// <summary>Builds the report.</summary>
    /// <param name="job">The job.</param>
    /// <param name="selection">The job's nodes.</param>
    /// <param name="plan">The plan of the valid nodes; <see langword="null"/> when the selection failed.</param>
    /// <param name="policy">The job's completion policy with its default type; nodes it makes wait are listed apart, not as failed.</param>
    public static PlanReport Build(ImagePrePullJob job, NodeSelection selection, JobPlan? plan, CompletionPolicy? policy = null)
    {
        var name = job.Metadata?.Name ?? string.Empty;
        if (selection.Failed || plan is null)
        {
            return new PlanReport(name, job.ApiVersion, selection.Error, [], [], []) { CompletionPolicy = policy };
        }

        var waiting = new List<(string Reason, List<string> Nodes)>();

        var groups = new List<(PlannedImage[] Images, List<string> Nodes)>();
        var groupByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var keyByPlan = new Dictionary<NodePlan, string>(ReferenceEqualityComparer.Instance);
        var failed = new List<(string Reason, List<string> Nodes)>();
        foreach (var node in selection.Nodes)
        {
            if (NodeWaiting.Waits(node, policy))
            {
                var waits = waiting.FindIndex(w => w.Reason == node.Reason);
                if (waits < 0)
                {
                    waiting.Add((node.Reason!, []));
                    waits = waiting.Count - 1;
                }

                waiting[waits].Nodes.Add(node.Name);
                continue;
            }

            if (!node.IsValid)
            {
                var index = failed.FindIndex(f => f.Reason == node.Reason);
                if (index < 0)
                {
                    failed.Add((node.Reason!, []));
                    index = failed.Count - 1;
                }

                failed[index].Nodes.Add(node.Name);
                continue;
            }

            // The core shares one NodePlan per set of matching rules; different sets can still read the same.
            var nodePlan = plan.GetPlan(node.Name);
            if (!keyByPlan.TryGetValue(nodePlan, out var key))
            {
                var images = nodePlan.Images.Select(Describe).ToArray();
                key = KeyOf(images);
                keyByPlan.Add(nodePlan, key);
                if (!groupByKey.ContainsKey(key))
                {
                    groupByKey.Add(key, groups.Count);
                    groups.Add((images, []));
                }
            }

            groups[groupByKey[key]].Nodes.Add(node.Name);
        }

        return new PlanReport(
            name,
            job.ApiVersion,
            null,
            [.. groups.Select(g => new PlanGroup(g.Nodes, g.Images))],
            [.. failed.Select(f => new FailedNodeGroup(f.Reason, f.Nodes))],
            plan.SecretProblems)
        {
            CompletionPolicy = policy,
            WaitingNodes = [.. waiting.Select(w => new FailedNodeGroup(w.Reason, w.Nodes))],
        };
    }

    /// <summary>One image as shown: the credentials' secret names, never the credentials.</summary>
    public static PlannedImage Describe(ImagePlan image)
    {
        if (image.Error is not null || image.ResolvedImage is null)
        {
            return new PlannedImage(image.Image, null, ImageOutcome.Error, null, [], image.Error ?? "no resolved image", image.CredentialWarning);
        }

        var candidates = image.Credentials.Select(c => c.Secret).Distinct(StringComparer.Ordinal).ToArray();
        var outcome = candidates.Length > 0 ? ImageOutcome.Credential : ImageOutcome.Anonymous;
        return new PlannedImage(image.Image, image.ResolvedImage, outcome, candidates.FirstOrDefault(), candidates, null, image.CredentialWarning)
        {
            FallbackImage = image.FallbackImage,
            FallbackSecret = image.FallbackImage is null || image.FallbackCredentials.Count == 0 ? null : image.FallbackCredentials[0].Secret,
        };
    }

    private static string KeyOf(PlannedImage[] images)
    {
        var key = new StringBuilder();
        foreach (var image in images)
        {
            key.Append(image.Image).Append('\n').Append(image.ResolvedImage).Append('\n').Append(image.Outcome).Append('\n')
                .AppendJoin(',', image.CandidateSecrets).Append('\n').Append(image.Error).Append('\n').Append(image.Warning).Append('\n')
                .Append(image.FallbackImage).Append('\n').Append(image.FallbackSecret).Append('\n');
        }

        return key.ToString();
    }
}
