using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Storage;

namespace KubeEdge.PrePull.Testing.Fleet;

/// <summary>Node objects as an edgecore registers them: labels, node info, capacity and the Ready condition.</summary>
internal static class NodeObjects
{
    /// <summary>Builds one node.</summary>
    /// <param name="name">Node name.</param>
    /// <param name="labels">Labels beyond the standard ones.</param>
    /// <param name="ready">Whether it is Ready.</param>
    /// <param name="kubeletVersion">Reported kubelet version.</param>
    /// <param name="now">Heartbeat time.</param>
    /// <returns>The object.</returns>
    public static JsonObject Create(string name, IEnumerable<KeyValuePair<string, string>> labels, bool ready, string kubeletVersion, DateTimeOffset now)
    {
        var labelObject = new JsonObject
        {
            ["kubernetes.io/hostname"] = name,
            ["kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = "amd64",
        };
        foreach (var (key, value) in labels)
        {
            labelObject[key] = value;
        }

        var capacity = new JsonObject { ["cpu"] = "4", ["memory"] = "8Gi", ["pods"] = "110", ["ephemeral-storage"] = "64Gi" };
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labelObject },
            ["spec"] = new JsonObject(),
            ["status"] = new JsonObject
            {
                ["capacity"] = capacity,
                ["allocatable"] = capacity.DeepClone(),
                ["conditions"] = new JsonArray(ReadyCondition(ready, now)),
                ["nodeInfo"] = new JsonObject
                {
                    ["kubeletVersion"] = kubeletVersion,
                    ["containerRuntimeVersion"] = "containerd://1.7.24",
                    ["operatingSystem"] = "linux",
                    ["architecture"] = "amd64",
                    ["osImage"] = "Ubuntu 24.04 LTS",
                },
            },
        };
    }

    /// <summary>The Ready condition.</summary>
    /// <param name="ready">Whether it is ready.</param>
    /// <param name="now">Heartbeat and transition time.</param>
    /// <returns>The condition.</returns>
    public static JsonObject ReadyCondition(bool ready, DateTimeOffset now) => new()
    {
        ["type"] = "Ready",
        ["status"] = ready ? "True" : "False",
        ["reason"] = ready ? "EdgeReady" : "EdgeNotReady",
        ["message"] = ready ? "edge is posting ready status" : "edge stopped posting status",
        ["lastHeartbeatTime"] = ObjectLifecycle.Timestamp(now),
        ["lastTransitionTime"] = ObjectLifecycle.Timestamp(now),
    };
}
