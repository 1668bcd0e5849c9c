using System.Text.Json;
using k8s;

namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>
/// Reads a pod, or a watch event of one, straight from its UTF-8 JSON, keeping only the fields of
/// <see cref="PodState"/> and skipping every other (docs/design.md §3 "PodApply"): a full <c>V1Pod</c> per event
/// was most of the controller's allocation per node. Unknown and missing fields are fine; malformed JSON throws
/// <see cref="JsonException"/>, whose message names a position, never the content.
/// </summary>
internal static class PodStateReader
{
    /// <summary>Reads one watch event (<c>{"type":..., "object":...}</c>); <see langword="null"/> for a type it does not know.</summary>
    public static PodWatchEvent? ReadEvent(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        Expect(ref reader, JsonTokenType.StartObject);
        WatchEventType? type = null;
        PodState? pod = null;
        int? code = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.TokenType == JsonTokenType.String ? EventType(ref reader) : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("object"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    pod = ReadObject(ref reader, out code);
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return type switch
        {
            null => null,
            WatchEventType.Error => new PodWatchEvent(WatchEventType.Error, null, code),
            { } known => new PodWatchEvent(known, pod),
        };
    }

    /// <summary>Reads a pod (e.g. the API server's answer to a create).</summary>
    public static PodState ReadPod(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        Expect(ref reader, JsonTokenType.StartObject);
        return ReadObject(ref reader, out _);
    }

    /// <summary>Reads an object whose start the reader is on: a pod, or a <c>Status</c> (then <paramref name="code"/>).</summary>
    private static PodState ReadObject(ref Utf8JsonReader reader, out int? code)
    {
        code = null;
        string? name = null, uid = null, version = null, phase = null, reason = null, message = null;
        IReadOnlyList<PodContainerStatus> statuses = [];
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("metadata"u8))
            {
                if (!Enter(ref reader))
                {
                    continue;
                }

                while (Next(ref reader) == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("name"u8))
                    {
                        name = ReadString(ref reader);
                    }
                    else if (reader.ValueTextEquals("uid"u8))
                    {
                        uid = ReadString(ref reader);
                    }
                    else if (reader.ValueTextEquals("resourceVersion"u8))
                    {
                        version = ReadString(ref reader);
                    }
                    else
                    {
                        SkipValue(ref reader);
                    }
                }
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                // A pod's status is an object; a Status object's "status" is a string, skipped by Enter.
                if (!Enter(ref reader))
                {
                    continue;
                }

                while (Next(ref reader) == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("phase"u8))
                    {
                        phase = ReadString(ref reader);
                    }
                    else if (reader.ValueTextEquals("reason"u8))
                    {
                        reason = ReadString(ref reader);
                    }
                    else if (reader.ValueTextEquals("message"u8))
                    {
                        message = ReadString(ref reader);
                    }
                    else if (reader.ValueTextEquals("containerStatuses"u8))
                    {
                        statuses = ReadStatuses(ref reader);
                    }
                    else
                    {
                        SkipValue(ref reader);
                    }
                }
            }
            else if (reader.ValueTextEquals("code"u8))
            {
                reader.Read();
                code = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : null;
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new PodState(name, uid, version, phase, reason, message, statuses);
    }

    private static List<PodContainerStatus> ReadStatuses(ref Utf8JsonReader reader)
    {
        var statuses = new List<PodContainerStatus>(2);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return statuses;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            string? name = null, imageId = null, waitingReason = null, waitingMessage = null;
            bool running = false, terminated = false;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    name = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("imageID"u8))
                {
                    imageId = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("state"u8))
                {
                    if (!Enter(ref reader))
                    {
                        continue;
                    }

                    while (Next(ref reader) == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("running"u8))
                        {
                            running = IsObject(ref reader);
                        }
                        else if (reader.ValueTextEquals("terminated"u8))
                        {
                            terminated = IsObject(ref reader);
                        }
                        else if (reader.ValueTextEquals("waiting"u8))
                        {
                            if (!Enter(ref reader))
                            {
                                continue;
                            }

                            while (Next(ref reader) == JsonTokenType.PropertyName)
                            {
                                if (reader.ValueTextEquals("reason"u8))
                                {
                                    waitingReason = ReadString(ref reader);
                                }
                                else if (reader.ValueTextEquals("message"u8))
                                {
                                    waitingMessage = ReadString(ref reader);
                                }
                                else
                                {
                                    SkipValue(ref reader);
                                }
                            }
                        }
                        else
                        {
                            SkipValue(ref reader);
                        }
                    }
                }
                else
                {
                    SkipValue(ref reader);
                }
            }

            statuses.Add(new PodContainerStatus(name ?? string.Empty, imageId, running, terminated, waitingReason, waitingMessage));
        }

        return statuses;
    }

    private static WatchEventType? EventType(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("ADDED"u8) ? WatchEventType.Added
        : reader.ValueTextEquals("MODIFIED"u8) ? WatchEventType.Modified
        : reader.ValueTextEquals("DELETED"u8) ? WatchEventType.Deleted
        : reader.ValueTextEquals("ERROR"u8) ? WatchEventType.Error
        : reader.ValueTextEquals("BOOKMARK"u8) ? WatchEventType.Bookmark
        : null;

    /// <summary>The next token, past the property name or value the reader is on.</summary>
    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The JSON ended inside an object.");
        }

        return reader.TokenType;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new JsonException($"Expected {type} at byte {reader.TokenStartIndex}.");
        }
    }

    /// <summary>Moves to the property's value: <see langword="true"/> when it is an object to read, else skips it.</summary>
    private static bool Enter(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }

        reader.Skip();
        return false;
    }

    /// <summary>Whether the property's value is an object (a JSON <c>null</c> is not); skips it.</summary>
    private static bool IsObject(ref Utf8JsonReader reader)
    {
        reader.Read();
        var isObject = reader.TokenType == JsonTokenType.StartObject;
        reader.Skip();
        return isObject;
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }
}
