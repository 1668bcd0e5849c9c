using System.Globalization;
using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Resources;
using KubeEdge.PrePull.Testing.Storage;
using Microsoft.AspNetCore.Http;

namespace KubeEdge.PrePull.Testing.Routing;

/// <summary>Writes JSON answers: documents, objects at their served version, lists and Status errors.</summary>
internal static class ResponseWriter
{
    /// <summary>Writes a JSON document.</summary>
    /// <param name="context">The request.</param>
    /// <param name="code">HTTP status.</param>
    /// <param name="document">The body.</param>
    /// <returns>A task.</returns>
    public static Task JsonAsync(HttpContext context, int code, JsonNode document) =>
        WriteAsync(context, code, ObjectJson.Render(w => document.WriteTo(w)));

    /// <summary>Writes one stored object at the served version.</summary>
    /// <param name="context">The request.</param>
    /// <param name="code">HTTP status.</param>
    /// <param name="type">The served resource version.</param>
    /// <param name="obj">The stored object.</param>
    /// <returns>A task.</returns>
    public static Task ObjectAsync(HttpContext context, int code, ResourceType type, JsonObject obj) =>
        WriteAsync(context, code, ObjectJson.Render(w => ObjectJson.Write(w, type, obj)));

    /// <summary>Writes a list (<c>{Kind}List</c>) of stored objects.</summary>
    /// <param name="context">The request.</param>
    /// <param name="type">The served resource version.</param>
    /// <param name="page">The page.</param>
    /// <returns>A task.</returns>
    public static Task ListAsync(HttpContext context, ResourceType type, ListPage page) =>
        WriteAsync(context, StatusCodes.Status200OK, ObjectJson.Render(w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", type.Kind + "List");
            w.WriteString("apiVersion", type.ApiVersion);
            w.WriteStartObject("metadata");
            w.WriteString("resourceVersion", page.ResourceVersion.ToString(CultureInfo.InvariantCulture));
            if (page.Continue is not null)
            {
                w.WriteString("continue", page.Continue);
            }

            if (page.RemainingItemCount is { } remaining)
            {
                w.WriteNumber("remainingItemCount", remaining);
            }

            w.WriteEndObject();
            w.WriteStartArray("items");
            foreach (var item in page.Items)
            {
                ObjectJson.Write(w, type, item);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));

    /// <summary>Writes an error as a Status object.</summary>
    /// <param name="context">The request.</param>
    /// <param name="error">The error.</param>
    /// <returns>A task.</returns>
    public static Task ErrorAsync(HttpContext context, ApiException error) =>
        WriteAsync(context, error.Code, ObjectJson.Render(w => StatusJson.Write(w, error)));

    private static async Task WriteAsync(HttpContext context, int code, ReadOnlyMemory<byte> body)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
