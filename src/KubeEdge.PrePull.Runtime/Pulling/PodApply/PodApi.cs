using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeEdge.PrePull.Runtime.ApiServer;

namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>
/// The pull pods' requests: create, delete, list and watch in the pods' namespace (docs/design.md §3 "PodApply").
/// With the concrete <see cref="Kubernetes"/> client, create, delete and watch go straight through its
/// <see cref="Kubernetes.HttpClient"/> (same handlers, credentials and base address): the body is written as UTF-8
/// once, and answers are read with <see cref="PodStateReader"/> instead of as full typed pods, which were most of
/// the controller's allocation per node. Any other <see cref="IKubernetes"/> gets the typed calls. Errors are the
/// typed client's: an <see cref="HttpOperationException"/> with the status code, never a body in its message.
/// </summary>
internal sealed class PodApi
{
    private const int FirstBufferSize = 16 * 1024;
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private readonly IKubernetes _client;
    private readonly ClusterConnection? _http;
    private readonly string _namespace;
    private readonly string _pods;

    /// <param name="client">The client.</param>
    /// <param name="ns">The pods' namespace.</param>
    /// <param name="useHttpClient">Whether a <see cref="Kubernetes"/> client's <see cref="Kubernetes.HttpClient"/> is used directly (tests turn it off to run the typed calls).</param>
    public PodApi(IKubernetes client, string ns, bool useHttpClient = true)
    {
        _client = client;
        _http = useHttpClient && client is Kubernetes kubernetes ? ClusterConnection.FromClient(kubernetes) : null;
        _namespace = ns;
        _pods = "api/v1/namespaces/" + Uri.EscapeDataString(ns) + "/pods";
    }

    /// <summary>Creates a pod: <paramref name="write"/> writes its JSON; <paramref name="typed"/> builds it for a typed client.</summary>
    public async Task<PodState> CreateAsync(Action<Utf8JsonWriter> write, Func<V1Pod> typed, CancellationToken cancellationToken)
    {
        if (_http is null)
        {
            return PodState.From(await _client.CoreV1.CreateNamespacedPodAsync(typed(), _namespace, cancellationToken: cancellationToken).ConfigureAwait(false));
        }

        var body = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(body))
        {
            write(writer);
        }

        using var content = new ReadOnlyMemoryContent(body.WrittenMemory);
        content.Headers.ContentType = Json;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_http.BaseUri, _pods)) { Content = content };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(FirstBufferSize);
            try
            {
                var length = 0;
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        buffer = Grow(buffer, length);
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return PodStateReader.ReadPod(buffer.AsSpan(0, length));
                    }

                    length += read;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Deletes a pod at once (grace period 0); a missing pod throws as the typed client does (404).</summary>
    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        if (_http is null)
        {
            await _client.CoreV1.DeleteNamespacedPodAsync(name, _namespace, gracePeriodSeconds: 0, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(_http.BaseUri, _pods + "/" + Uri.EscapeDataString(name) + "?gracePeriodSeconds=0"));
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists the pods matching <paramref name="selector"/>, with the list's resource version.</summary>
    public async Task<(List<PodState> Pods, string? ResourceVersion)> ListAsync(string selector, CancellationToken cancellationToken)
    {
        var list = await _client.CoreV1.ListNamespacedPodAsync(_namespace, labelSelector: selector, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ([.. list.Items.Select(PodState.From)], list.Metadata?.ResourceVersion);
    }

    /// <summary>Watches the pods matching <paramref name="selector"/> from <paramref name="resourceVersion"/>, with bookmarks, until the server ends the watch.</summary>
    public IAsyncEnumerable<PodWatchEvent> WatchAsync(string selector, string? resourceVersion, int timeoutSeconds, CancellationToken cancellationToken) =>
        _http is null ? WatchTypedAsync(selector, resourceVersion, timeoutSeconds, cancellationToken) : WatchRawAsync(_http, selector, resourceVersion, timeoutSeconds, cancellationToken);

    private static byte[] Grow(byte[] buffer, int used)
    {
        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, used).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    /// <summary>One line of the watch: an event, or <see langword="null"/> for a blank line or a type not known.</summary>
    private static PodWatchEvent? ReadLine(ReadOnlySpan<byte> line) =>
        line.Trim(" \t\r"u8).IsEmpty ? null : PodStateReader.ReadEvent(line);

    private async IAsyncEnumerable<PodWatchEvent> WatchRawAsync(ClusterConnection http, string selector, string? resourceVersion, int timeoutSeconds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = string.Create(
            CultureInfo.InvariantCulture,
            $"{_pods}?allowWatchBookmarks=true&labelSelector={Uri.EscapeDataString(selector)}&resourceVersion={Uri.EscapeDataString(resourceVersion ?? string.Empty)}&timeoutSeconds={timeoutSeconds}&watch=true");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(http.BaseUri, query));
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var streamScope = stream.ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(FirstBufferSize);
        try
        {
            int start = 0, end = 0;
            while (true)
            {
                var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    var found = ReadLine(buffer.AsSpan(start, newline));
                    start += newline + 1;
                    if (found is { } line)
                    {
                        yield return line;
                    }

                    continue;
                }

                if (start > 0)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    buffer = Grow(buffer, end);
                }

                var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    // The server ended the watch; a last event without its newline still counts.
                    if (ReadLine(buffer.AsSpan(0, end)) is { } last)
                    {
                        yield return last;
                    }

                    yield break;
                }

                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async IAsyncEnumerable<PodWatchEvent> WatchTypedAsync(string selector, string? resourceVersion, int timeoutSeconds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Exception? streamError = null;
        var events = _client.CoreV1.WatchListNamespacedPodAsync(
            _namespace,
            allowWatchBookmarks: true,
            labelSelector: selector,
            resourceVersion: resourceVersion,
            timeoutSeconds: timeoutSeconds,
            onError: e => streamError = e,
            cancellationToken: cancellationToken);
        await foreach (var (type, pod) in events.ConfigureAwait(false))
        {
            yield return new PodWatchEvent(type, type == WatchEventType.Error || pod is null ? null : PodState.From(pod));
        }

        if (streamError is not null)
        {
            throw streamError;
        }
    }

    /// <summary>Sends as the typed client does (HTTP/2 asked for, its credentials); an answer that is not a success throws.</summary>
    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!_http!.DisableHttp2)
        {
            request.Version = HttpVersion.Version20;
        }

        // The body may echo what was sent (a secret's data, for other kinds): it is not read.
        return KubernetesHttp.SendAsync(_http!, request, HttpCompletionOption.ResponseHeadersRead, keepErrorBody: false, cancellationToken);
    }
}
