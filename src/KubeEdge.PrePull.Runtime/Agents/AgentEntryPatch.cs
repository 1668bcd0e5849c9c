using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>
/// The one JSON patch (RFC 6902) an agent sends: <c>test</c>s that the entry at <c>index</c> is still this node's
/// and still <c>InProgress</c> (the protocol's two), and that the job is still <c>InProgress</c> (so a result never
/// lands in a job that finished meanwhile), then a <c>replace</c> of that entry alone. The server applies all or
/// nothing, so a write never lands on another node's entry nor over a result the controller set meanwhile.
/// </summary>
internal static class AgentEntryPatch
{
    /// <summary>The index of <paramref name="nodeName"/>'s entry in the job's <c>status.nodeStatus</c>, or -1.</summary>
    public static int IndexOf(ImagePrePullJob job, string nodeName)
    {
        var entries = job.Status?.NodeStatus;
        if (entries is null)
        {
            return -1;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if (string.Equals(entries[i]?.NodeName, nodeName, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>This node's entry in the job's status, if there is one.</summary>
    public static ImagePrePullNodeTaskStatus? Find(ImagePrePullJob job, string nodeName)
    {
        var index = IndexOf(job, nodeName);
        return index < 0 ? null : job.Status!.NodeStatus![index];
    }

    /// <summary>The patch that replaces entry <paramref name="index"/> with <paramref name="entry"/> if it is still this node's and InProgress.</summary>
    public static V1Patch For(int index, string nodeName, ImagePrePullNodeTaskStatus entry)
    {
        var path = "/status/nodeStatus/" + index.ToString(CultureInfo.InvariantCulture);
        // JsonArray's constructor, not a collection initializer: that calls the generic Add<T>, which needs
        // reflection (not trim- or AOT-safe, docs/design.md §3); the entry is serialized by the generated context.
        var operations = new JsonArray(
            new JsonObject { ["op"] = "test", ["path"] = path + "/nodeName", ["value"] = nodeName },
            new JsonObject { ["op"] = "test", ["path"] = path + "/phase", ["value"] = NodeTaskPhases.InProgress },
            new JsonObject { ["op"] = "test", ["path"] = "/status/phase", ["value"] = JobPhases.InProgress },
            new JsonObject { ["op"] = "replace", ["path"] = path, ["value"] = JsonSerializer.SerializeToNode(entry, AgentJsonContext.Default.ImagePrePullNodeTaskStatus) });
        return new V1Patch(operations.ToJsonString(), V1Patch.PatchType.JsonPatch);
    }
}
