using System.Text.Json;
using KubeEdge.PrePull.Testing.Storage;

namespace KubeEdge.PrePull.Testing.Routing;

/// <summary>Writes an <see cref="ApiException"/> as a <c>meta/v1 Status</c>.</summary>
internal static class StatusJson
{
    /// <summary>Writes the Status object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="error">The error.</param>
    public static void Write(Utf8JsonWriter writer, ApiException error)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "Status");
        writer.WriteString("apiVersion", "v1");
        writer.WriteStartObject("metadata");
        writer.WriteEndObject();
        writer.WriteString("status", "Failure");
        writer.WriteString("message", error.Message);
        writer.WriteString("reason", error.Reason);
        if (error.Details is not null)
        {
            writer.WritePropertyName("details");
            error.Details.WriteTo(writer);
        }

        writer.WriteNumber("code", error.Code);
        writer.WriteEndObject();
    }
}
