using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Runtime.Controller;

/// <summary>
/// The finalizer that keeps a deleted job until its pods and copied secrets are gone. Both patches are JSON patches
/// guarded by a <c>test</c> on the resourceVersion, so a concurrent change of the finalizer list fails with a
/// conflict and the job is reconciled again instead of losing someone else's finalizer.
/// </summary>
internal static class JobFinalizer
{
    private const string Name = ImagePrePullJobNames.Finalizer;

    public static bool IsOn(ImagePrePullJob job) => job.Metadata.Finalizers?.Contains(Name) == true;

    public static Task AddAsync(IKubernetes client, ImagePrePullJob job, CancellationToken cancellationToken)
    {
        // JsonArray's constructor, not Add<T>, which needs reflection (not trim- or AOT-safe, docs/design.md §3).
        var ops = new JsonArray(
            Test(job),
            job.Metadata.Finalizers is null
                ? new JsonObject { ["op"] = "add", ["path"] = "/metadata/finalizers", ["value"] = new JsonArray(JsonValue.Create(Name)) }
                : new JsonObject { ["op"] = "add", ["path"] = "/metadata/finalizers/-", ["value"] = Name });
        return PatchAsync(client, job, ops, cancellationToken);
    }

    public static Task RemoveAsync(IKubernetes client, ImagePrePullJob job, CancellationToken cancellationToken)
    {
        var index = job.Metadata.Finalizers?.IndexOf(Name) ?? -1;
        if (index < 0)
        {
            return Task.CompletedTask;
        }

        var path = "/metadata/finalizers/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var ops = new JsonArray(
            Test(job),
            new JsonObject { ["op"] = "test", ["path"] = path, ["value"] = Name },
            new JsonObject { ["op"] = "remove", ["path"] = path });
        return PatchAsync(client, job, ops, cancellationToken);
    }

    private static JsonObject Test(ImagePrePullJob job) =>
        new() { ["op"] = "test", ["path"] = "/metadata/resourceVersion", ["value"] = job.Metadata.ResourceVersion };

    private static async Task PatchAsync(IKubernetes client, ImagePrePullJob job, JsonArray ops, CancellationToken cancellationToken) =>
        await client.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch(ops.ToJsonString(), V1Patch.PatchType.JsonPatch),
            ImagePrePullJobNames.Group,
            ImagePrePullJobNames.V1Alpha2,
            ImagePrePullJobNames.Plural,
            job.Metadata.Name,
            cancellationToken: cancellationToken).ConfigureAwait(false);
}
