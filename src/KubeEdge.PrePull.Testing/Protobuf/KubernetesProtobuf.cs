using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Storage;

namespace KubeEdge.PrePull.Testing.Protobuf;

/// <summary>
/// Decodes the protobuf request bodies kubectl sends for built-in kinds (<c>kubectl create namespace</c>,
/// <c>kubectl create secret</c>): the <c>k8s\0</c> envelope (<c>runtime.Unknown</c>) around a v1 Namespace or
/// Secret, into the JSON object the server stores. Other kinds are answered with 415 and a Status, as kube-apiserver
/// answers a media type it cannot read (docs/design.md §3 "Testing kit and tool").
/// </summary>
internal static class KubernetesProtobuf
{
    /// <summary>The media type of protobuf bodies.</summary>
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    /// <summary>Whether a Content-Type is protobuf.</summary>
    /// <param name="contentType">The request's Content-Type.</param>
    /// <returns><see langword="true"/> for <c>application/vnd.kubernetes.protobuf</c>.</returns>
    public static bool Is(string? contentType) =>
        contentType is not null && contentType.StartsWith(MediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>Decodes a body.</summary>
    /// <param name="body">The request body.</param>
    /// <returns>The object as JSON.</returns>
    /// <exception cref="ApiException">415 for a kind this server cannot decode; 400 for a malformed body.</exception>
    public static JsonObject Decode(ReadOnlyMemory<byte> body)
    {
        if (!body.Span.StartsWith(Magic))
        {
            throw ApiException.BadRequest("the protobuf request body does not start with the k8s envelope");
        }

        string? apiVersion = null;
        string? kind = null;
        var raw = ReadOnlyMemory<byte>.Empty;
        var encoding = string.Empty;
        var envelope = new ProtobufReader(body[Magic.Length..]);
        while (envelope.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == 2:
                    var typeMeta = new ProtobufReader(envelope.ReadBytes());
                    while (typeMeta.Next(out var f, out var w))
                    {
                        switch (f)
                        {
                            case 1 when w == 2: apiVersion = typeMeta.ReadString(); break;
                            case 2 when w == 2: kind = typeMeta.ReadString(); break;
                            default: typeMeta.Skip(w); break;
                        }
                    }

                    break;
                case 2 when wire == 2: raw = envelope.ReadBytes(); break;
                case 3 when wire == 2: encoding = envelope.ReadString(); break;
                default: envelope.Skip(wire); break;
            }
        }

        var obj = (apiVersion, kind, encoding) switch
        {
            ("v1", "Namespace", "") => Namespace(raw),
            ("v1", "Secret", "") => Secret(raw),
            _ => throw new ApiException(
                415,
                "UnsupportedMediaType",
                $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml ({MediaType} only for v1 Namespace and Secret, not {apiVersion}/{kind})"),
        };
        obj["apiVersion"] = apiVersion;
        obj["kind"] = kind;
        return obj;
    }

    private static JsonObject Namespace(ReadOnlyMemory<byte> raw)
    {
        var obj = new JsonObject();
        var reader = new ProtobufReader(raw);
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == 2: obj["metadata"] = Metadata(reader.ReadBytes()); break;
                case 2 when wire == 2:
                    var spec = new ProtobufReader(reader.ReadBytes());
                    var finalizers = new JsonArray();
                    while (spec.Next(out var f, out var w))
                    {
                        if (f == 1 && w == 2)
                        {
                            finalizers.Add(spec.ReadString());
                        }
                        else
                        {
                            spec.Skip(w);
                        }
                    }

                    obj["spec"] = finalizers.Count == 0 ? new JsonObject() : new JsonObject { ["finalizers"] = finalizers };
                    break;
                default: reader.Skip(wire); break;
            }
        }

        return obj;
    }

    private static JsonObject Secret(ReadOnlyMemory<byte> raw)
    {
        var obj = new JsonObject();
        var reader = new ProtobufReader(raw);
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == 2: obj["metadata"] = Metadata(reader.ReadBytes()); break;
                case 2 when wire == 2:
                    var (key, value) = MapEntry(reader.ReadBytes());
                    Map(obj, "data")[key] = Convert.ToBase64String(value.Span);
                    break;
                case 3 when wire == 2: obj["type"] = reader.ReadString(); break;
                case 4 when wire == 2:
                    var (textKey, text) = MapEntry(reader.ReadBytes());
                    Map(obj, "stringData")[textKey] = System.Text.Encoding.UTF8.GetString(text.Span);
                    break;
                case 5 when wire == 0: obj["immutable"] = reader.ReadVarint() != 0; break;
                default: reader.Skip(wire); break;
            }
        }

        return obj;
    }

    // ObjectMeta: what a create may set (name, generateName, namespace, labels, annotations, finalizers); the
    // fields the server owns (uid, resourceVersion, timestamps, managedFields) are skipped.
    private static JsonObject Metadata(ReadOnlyMemory<byte> bytes)
    {
        var meta = new JsonObject();
        var reader = new ProtobufReader(bytes);
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1 or 2 or 3 when wire == 2:
                    var text = reader.ReadString();
                    if (text.Length > 0)
                    {
                        meta[field switch { 1 => "name", 2 => "generateName", _ => "namespace" }] = text;
                    }

                    break;
                case 11 or 12 when wire == 2:
                    var (key, value) = MapEntry(reader.ReadBytes());
                    Map(meta, field == 11 ? "labels" : "annotations")[key] = System.Text.Encoding.UTF8.GetString(value.Span);
                    break;
                case 14 when wire == 2:
                    if (meta["finalizers"] is not JsonArray finalizers)
                    {
                        meta["finalizers"] = finalizers = [];
                    }

                    finalizers.Add(reader.ReadString());
                    break;
                default: reader.Skip(wire); break;
            }
        }

        return meta;
    }

    private static (string Key, ReadOnlyMemory<byte> Value) MapEntry(ReadOnlyMemory<byte> bytes)
    {
        var key = string.Empty;
        var value = ReadOnlyMemory<byte>.Empty;
        var reader = new ProtobufReader(bytes);
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == 2: key = reader.ReadString(); break;
                case 2 when wire == 2: value = reader.ReadBytes(); break;
                default: reader.Skip(wire); break;
            }
        }

        return (key, value);
    }

    private static JsonObject Map(JsonObject parent, string name)
    {
        if (parent[name] is not JsonObject map)
        {
            parent[name] = map = [];
        }

        return map;
    }
}
