using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;

namespace KubeEdge.PrePull.Runtime.ApiServer;

/// <summary>
/// The calls of <see cref="IClusterApi"/> as plain HTTP on a <see cref="ClusterConnection"/> (TLS, client certificate
/// and token as the configuration or the client sets them), with JSON trees and <see cref="ApiJsonContext"/>'s
/// generated metadata: no KubernetesClient typed operation and so no reflection-based serializer, which lets the edge agent run
/// trimmed and Native AOT compiled (docs/design.md §3 "The edge agent on a small device"). The requests are the ones
/// KubernetesClient sends for the same calls.
/// </summary>
internal sealed class RestClusterApi(ClusterConnection connection) : IClusterApi
{
    public async Task<JsonObject?> ListClusterCustomObjectsAsync(string group, string version, string plural, string? continueToken, string? labelSelector, int limit, CancellationToken cancellationToken) =>
        await GetNodeAsync(
            Path("apis", group, version, plural) + Query(("continue", continueToken), ("labelSelector", labelSelector), ("limit", limit.ToString(CultureInfo.InvariantCulture))),
            cancellationToken).ConfigureAwait(false) as JsonObject;

    public async IAsyncEnumerable<(WatchEventType Type, JsonNode? Object)> WatchClusterCustomObjectsAsync(
        string group, string version, string plural, string? labelSelector, string resourceVersion, Action<Exception> onError, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = Path("apis", group, version, plural)
            + Query(("allowWatchBookmarks", "true"), ("labelSelector", labelSelector), ("resourceVersion", resourceVersion), ("watch", "true"));
        using var response = await SendAsync(HttpMethod.Get, path, null, watch: true, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            WatchEventType type;
            JsonNode? obj;
            try
            {
                var e = JsonNode.Parse(line) as JsonObject ?? throw new JsonException("A watch event is not a JSON object.");
                type = EventType(e["type"]);
                obj = e["object"];
                if (type == WatchEventType.Error)
                {
                    // A Status in the stream, e.g. 410 Expired: the watch's caller decides (relist).
                    onError(new KubernetesException(obj.Deserialize(ApiJsonContext.Default.V1Status) ?? new V1Status()));
                    continue;
                }
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                onError(e);
                continue;
            }

            yield return (type, obj);
        }
    }

    public Task<JsonNode?> GetClusterCustomObjectAsync(string group, string version, string plural, string name, CancellationToken cancellationToken) =>
        GetNodeAsync(Path("apis", group, version, plural, name), cancellationToken);

    public async Task PatchClusterCustomObjectStatusAsync(V1Patch patch, string group, string version, string plural, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var body = patch.Content as string ?? throw new ArgumentException("The patch must be JSON text.", nameof(patch));
        var mediaType = patch.Type switch
        {
            V1Patch.PatchType.JsonPatch => "application/json-patch+json",
            V1Patch.PatchType.MergePatch => "application/merge-patch+json",
            V1Patch.PatchType.StrategicMergePatch => "application/strategic-merge-patch+json",
            V1Patch.PatchType.ApplyPatch => "application/apply-patch+yaml",
            _ => throw new ArgumentException($"Unknown patch type {patch.Type}.", nameof(patch)),
        };
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        using var response = await SendAsync(HttpMethod.Patch, Path("apis", group, version, plural, name, "status"), content, watch: false, cancellationToken).ConfigureAwait(false);
    }

    public Task<V1Node> ReadNodeAsync(string name, CancellationToken cancellationToken) =>
        GetAsync(Path("api", "v1", "nodes", name), ApiJsonContext.Default.V1Node, cancellationToken);

    public Task<V1Secret> ReadNamespacedSecretAsync(string name, string ns, CancellationToken cancellationToken) =>
        GetAsync(Path("api", "v1", "namespaces", ns, "secrets", name), ApiJsonContext.Default.V1Secret, cancellationToken);

    public Task<V1SecretList> ListNamespacedSecretAsync(string ns, string fieldSelector, string labelSelector, CancellationToken cancellationToken) =>
        GetAsync(Path("api", "v1", "namespaces", ns, "secrets") + Query(("fieldSelector", fieldSelector), ("labelSelector", labelSelector)), ApiJsonContext.Default.V1SecretList, cancellationToken);

    private static string Path(params string[] segments) => string.Join('/', segments.Select(Uri.EscapeDataString));

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var query = string.Join('&', parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!)));
        return query.Length == 0 ? string.Empty : "?" + query;
    }

    private static WatchEventType EventType(JsonNode? type) => (string?)type switch
    {
        "ADDED" => WatchEventType.Added,
        "MODIFIED" => WatchEventType.Modified,
        "DELETED" => WatchEventType.Deleted,
        "BOOKMARK" => WatchEventType.Bookmark,
        "ERROR" => WatchEventType.Error,
        var other => throw new JsonException($"Unknown watch event type {other}."),
    };

    private async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> info, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, watch: false, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync(stream, info, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException($"The API server answered {path} with null.");
        }
    }

    private async Task<JsonNode?> GetNodeAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, watch: false, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends one request; an answer that is not 2xx throws as KubernetesClient's operations throw (the body is kept on the exception, never in its message).</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, bool watch, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(connection.BaseUri.AbsoluteUri.TrimEnd('/') + "/" + path)) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        // The connection's request timeout (KubernetesClient's HttpClientTimeout); watches have none.
        using var timeout = watch ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout?.CancelAfter(connection.RequestTimeout);
        return await KubernetesHttp.SendAsync(
            connection, request, watch ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, keepErrorBody: true, timeout?.Token ?? cancellationToken).ConfigureAwait(false);
    }
}
