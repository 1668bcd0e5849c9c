using System.Text.Json;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Tests.Images;

/// <summary>The cases of <c>vectors/image-references.json</c>, read once.</summary>
internal static class ImageReferenceVectors
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(RepoPaths.Vector("image-references.json"))));

    public static IEnumerable<JsonElement> Valid => Document.Value.RootElement.GetProperty("valid").EnumerateArray();

    public static IEnumerable<JsonElement> Invalid => Document.Value.RootElement.GetProperty("invalid").EnumerateArray();

    public static JsonElement Find(IEnumerable<JsonElement> cases, string input) =>
        cases.Single(c => c.GetProperty("input").GetString() == input);

    public static string? Optional(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.GetString() : null;
}
