using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Resources;

namespace KubeEdge.PrePull.Testing.Routing;

/// <summary>Writes stored objects as served at a version (versions differ only in <c>apiVersion</c>) without copying them.</summary>
internal static class ObjectJson
{
    /// <summary>Writes one object with the served version's <c>apiVersion</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="type">The served resource version.</param>
    /// <param name="obj">The stored object.</param>
    public static void Write(Utf8JsonWriter writer, ResourceType type, JsonObject obj)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in obj)
        {
            writer.WritePropertyName(key);
            if (key == "apiVersion")
            {
                writer.WriteStringValue(type.ApiVersion);
            }
            else if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>Serializes with a callback into a buffer.</summary>
    /// <param name="write">Writes the JSON.</param>
    /// <returns>The UTF-8 bytes.</returns>
    public static ReadOnlyMemory<byte> Render(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        // Relaxed escaping writes quotes in messages as \" like kube-apiserver, not \u0022; this is an API, not HTML.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return buffer.WrittenMemory;
    }
}
