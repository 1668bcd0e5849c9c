using System.Text.Json;
using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Resources;
using KubeEdge.PrePull.Testing.Routing;
using KubeEdge.PrePull.Testing.Storage;
using KubeEdge.PrePull.Testing.Tables;
using Microsoft.AspNetCore.Http;

namespace KubeEdge.PrePull.Testing.Watching;

/// <summary>
/// Streams one watch as newline-delimited JSON events, with bookmarks, timeouts and 410 handling; with
/// <c>as=Table</c> each event carries a one-row Table, the column definitions in the first event only, like
/// kube-apiserver (so <c>kubectl get -w</c> prints the printer columns on every row).
/// </summary>
internal sealed class WatchStreamer
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly ObjectStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _bookmarkInterval;
    private readonly TableBuilder _tables;

    /// <summary>Creates the streamer.</summary>
    /// <param name="store">The store.</param>
    /// <param name="time">Clock for bookmarks and timeouts.</param>
    /// <param name="bookmarkInterval">How long a watch is idle before a bookmark is sent.</param>
    /// <param name="tables">Table printing, for <c>as=Table</c> watches.</param>
    public WatchStreamer(ObjectStore store, TimeProvider time, TimeSpan bookmarkInterval, TableBuilder tables)
    {
        _store = store;
        _time = time;
        _bookmarkInterval = bookmarkInterval;
        _tables = tables;
    }

    /// <summary>Serves a watch until the client leaves, the timeout passes or the server closes it.</summary>
    /// <param name="response">Where to write.</param>
    /// <param name="type">The served resource version.</param>
    /// <param name="ns">Namespace, or <see langword="null"/> for all.</param>
    /// <param name="matches">Selector filter.</param>
    /// <param name="options">Watch parameters.</param>
    /// <param name="cancellationToken">The request's abort token.</param>
    /// <returns>A task completing when the stream ends.</returns>
    public async Task StreamAsync(HttpResponse response, ResourceType type, string? ns, Func<JsonObject, bool> matches, WatchOptions options, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        IReadOnlyList<StoredEvent> replay;
        WatchSubscription subscription;
        try
        {
            (replay, subscription) = _store.Watch(type, ns, options.FromVersion, route: options.Route);
        }
        catch (ApiException e) when (e.Code == StatusCodes.Status410Gone)
        {
            // kube-apiserver accepts the watch, then sends an ERROR event carrying the 410 Status.
            await WriteLineAsync(response, w => WriteEvent(w, "ERROR", StatusJson.Write, e), cancellationToken).ConfigureAwait(false);
            return;
        }

        using (subscription)
        {
            using var timeout = options.Timeout is { } t ? new CancellationTokenSource(t, _time) : new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await response.StartAsync(linked.Token).ConfigureAwait(false);
                var encoder = new EventEncoder(type, options.AsTable ? _tables : null);
                var lastSeen = options.FromVersion ?? 0;
                foreach (var storedEvent in replay)
                {
                    lastSeen = Math.Max(lastSeen, storedEvent.ResourceVersion);
                    await SendAsync(response, encoder, storedEvent, matches, linked.Token).ConfigureAwait(false);
                }

                if (options.AllowBookmarks && options.SendInitialEvents)
                {
                    await SendBookmarkAsync(response, type, _store.BookmarkVersion(subscription, lastSeen), initialEventsEnd: true, linked.Token).ConfigureAwait(false);
                }

                if (!options.CloseAfterReplay)
                {
                    await PumpAsync(response, type, encoder, subscription, matches, options.AllowBookmarks, lastSeen, linked.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // The client left or timeoutSeconds passed: the stream simply ends, as with kube-apiserver.
            }
        }
    }

    private async Task PumpAsync(HttpResponse response, ResourceType type, EventEncoder encoder, WatchSubscription subscription, Func<JsonObject, bool> matches, bool bookmarks, long lastSeen, CancellationToken cancellationToken)
    {
        var reader = subscription.Events;
        Task<bool>? pendingRead = null;
        Task? bookmarkDue = null;
        while (true)
        {
            pendingRead ??= reader.WaitToReadAsync(cancellationToken).AsTask();
            if (bookmarks)
            {
                bookmarkDue ??= Task.Delay(_bookmarkInterval, _time, cancellationToken);
                if (await Task.WhenAny(pendingRead, bookmarkDue).ConfigureAwait(false) == bookmarkDue)
                {
                    await bookmarkDue.ConfigureAwait(false);
                    bookmarkDue = null;
                    await SendBookmarkAsync(response, type, _store.BookmarkVersion(subscription, lastSeen), initialEventsEnd: false, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }

            var more = await pendingRead.ConfigureAwait(false);
            pendingRead = null;
            if (!more)
            {
                return;
            }

            while (reader.TryRead(out var storedEvent))
            {
                lastSeen = storedEvent.ResourceVersion;
                await SendAsync(response, encoder, storedEvent, matches, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static Task SendAsync(HttpResponse response, EventEncoder encoder, StoredEvent storedEvent, Func<JsonObject, bool> matches, CancellationToken cancellationToken)
    {
        var eventType = WatchEventFilter.Translate(storedEvent, matches);
        return eventType is null
            ? Task.CompletedTask
            : WriteLineAsync(response, w => WriteEvent(w, eventType, encoder.Write, storedEvent), cancellationToken);
    }

    private static Task SendBookmarkAsync(HttpResponse response, ResourceType type, long version, bool initialEventsEnd, CancellationToken cancellationToken)
    {
        var metadata = new JsonObject { ["resourceVersion"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (initialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        var bookmark = new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.ApiVersion, ["metadata"] = metadata };
        return WriteLineAsync(response, w => WriteEvent(w, "BOOKMARK", (writer, o) => o.WriteTo(writer), bookmark), cancellationToken);
    }

    private static void WriteEvent<T>(Utf8JsonWriter writer, string eventType, Action<Utf8JsonWriter, T> writeObject, T obj)
    {
        writer.WriteStartObject();
        writer.WriteString("type", eventType);
        writer.WritePropertyName("object");
        writeObject(writer, obj);
        writer.WriteEndObject();
    }

    private static async Task WriteLineAsync(HttpResponse response, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(ObjectJson.Render(write), cancellationToken).ConfigureAwait(false);
        await response.Body.WriteAsync(NewLine, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
