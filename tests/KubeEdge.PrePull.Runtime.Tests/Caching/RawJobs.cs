using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Runtime.Tests.Caching;

/// <summary>
/// ImagePrePullJobs as raw JSON, for jobs the typed model cannot read (docs/design.md §2, Unreadable jobs): the three
/// faults an operator met (<c>images</c> as a map, <c>concurrency: "ten"</c>, <c>concurrency: 3000000000</c>).
/// </summary>
internal static class RawJobs
{
    public const string ImagesAsMap = "bad-images";
    public const string ConcurrencyText = "bad-concurrency-text";
    public const string ConcurrencyTooLarge = "bad-concurrency-large";

    /// <summary>Each bad job's name and the field its fault is at.</summary>
    public static readonly IReadOnlyList<(string Name, string Field)> Faults =
    [
        (ImagesAsMap, "spec.imagePrePullTemplate.images"),
        (ConcurrencyText, "spec.imagePrePullTemplate.concurrency"),
        (ConcurrencyTooLarge, "spec.imagePrePullTemplate.concurrency"),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Stores a job as given, bypassing the typed model: creates it, or replaces it when the body carries
    /// <c>metadata.resourceVersion</c>. The one place that writes invalid jobs: the tests that use it start
    /// their server with <c>ValidateCustomResources = false</c>, since the CRD's schema would refuse them.
    /// </summary>
    public static async Task StoreAsync(IKubernetes client, JsonObject job)
    {
        var name = (string)job["metadata"]!["name"]!;
        if (job["metadata"]!["resourceVersion"] is null)
        {
            await client.CustomObjects.CreateClusterCustomObjectAsync(job, ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, cancellationToken: Ct);
        }
        else
        {
            await client.CustomObjects.ReplaceClusterCustomObjectAsync(job, ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, name, cancellationToken: Ct);
        }
    }

    /// <summary>Stores the three bad jobs.</summary>
    public static async Task StoreAllBadAsync(IKubernetes client, string node)
    {
        await StoreAsync(client, Job(ImagesAsMap, node, t => t["images"] = new JsonObject { ["app"] = "nginx:1.27" }));
        await StoreAsync(client, Job(ConcurrencyText, node, t => t["concurrency"] = "ten"));
        await StoreAsync(client, Job(ConcurrencyTooLarge, node, t => t["concurrency"] = 3000000000L));
    }

    /// <summary>A valid job as JSON, changed by <paramref name="edit"/> (which gets the template).</summary>
    public static JsonObject Job(string name, string node, Action<JsonObject>? edit = null)
    {
        var template = new JsonObject { ["images"] = new JsonArray("nginx:1.27"), ["nodeNames"] = new JsonArray(node) };
        edit?.Invoke(template);
        return new JsonObject
        {
            ["apiVersion"] = ImagePrePullJobNames.GroupVersionV1Alpha2,
            ["kind"] = ImagePrePullJobNames.Kind,
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject { ["imagePrePullTemplate"] = template },
        };
    }

    /// <summary>Reads a job as raw JSON (the typed model may not read it), or null when it is gone.</summary>
    public static async Task<JsonObject?> GetAsync(IKubernetes client, string name)
    {
        try
        {
            var obj = await client.CustomObjects.GetClusterCustomObjectAsync(ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, name, cancellationToken: Ct);
            return JsonNode.Parse(((JsonElement)obj).GetRawText())!.AsObject();
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Reads the job, lets <paramref name="edit"/> change its template, and stores it again.</summary>
    public static async Task EditTemplateAsync(IKubernetes client, string name, Action<JsonObject> edit)
    {
        var job = (await GetAsync(client, name))!;
        job.Remove("status");
        edit(job["spec"]!["imagePrePullTemplate"]!.AsObject());
        await StoreAsync(client, job);
    }

    /// <summary>A string at a path of a raw job, e.g. <c>status.reason</c>.</summary>
    public static string? StringAt(JsonObject? job, string path)
    {
        JsonNode? node = job;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject obj ? obj[part] : null;
        }

        return node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
    }
}
