using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Runtime.Status;

/// <summary>
/// The JSON merge patch that sets a job's whole status. Fields the new status leaves out are sent as
/// <see langword="null"/>, so a value from an earlier write (e.g. the v1alpha1 mirror once a job grows past the detail
/// limit) is removed instead of kept by the merge.
/// </summary>
internal static class StatusPatch
{
    private static readonly string[] Fields =
        ["phase", "reason", "startTime", "completionTime", "summary", "nodeStatus", "succeededNodes", "nodeStatusOmitted", "state", "event", "action", "time", "status"];

    /// <param name="status">The whole status.</param>
    /// <param name="resourceVersion">When set, the patch carries it as <c>metadata.resourceVersion</c>: the server then
    /// refuses it with 409 unless the job is still at that version (how a writer beside others avoids lost updates).</param>
    public static V1Patch For(ImagePrePullJobStatus status, string? resourceVersion = null)
    {
        var body = JsonNode.Parse(KubernetesJson.Serialize(status))!.AsObject();
        foreach (var field in Fields)
        {
            if (!body.ContainsKey(field))
            {
                body[field] = null;
            }
        }

        var patch = new JsonObject { ["status"] = body };
        if (!string.IsNullOrEmpty(resourceVersion))
        {
            patch["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion };
        }

        return new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch);
    }
}
