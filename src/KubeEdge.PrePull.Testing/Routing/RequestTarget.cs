using KubeEdge.PrePull.Testing.Resources;

namespace KubeEdge.PrePull.Testing.Routing;

/// <summary>A resource URL taken apart: <c>/apis/{group}/{version}/namespaces/{ns}/{plural}/{name}/{subresource}</c>.</summary>
/// <param name="Type">The served resource version.</param>
/// <param name="Namespace">Namespace from the URL, if any.</param>
/// <param name="Name">Object name, if any.</param>
/// <param name="Subresource">Subresource (<c>status</c>), if any.</param>
/// <param name="WatchPath">Whether the deprecated <c>/watch/</c> path prefix was used.</param>
internal sealed record RequestTarget(ResourceType Type, string? Namespace, string? Name, string? Subresource, bool WatchPath)
{
    /// <summary>Parses the segments after the group version.</summary>
    /// <param name="catalog">Served types.</param>
    /// <param name="group">Group; empty for core.</param>
    /// <param name="version">Version.</param>
    /// <param name="rest">Remaining path segments (at least one).</param>
    /// <returns>The target, or <see langword="null"/> when no such resource is served.</returns>
    public static RequestTarget? Parse(ResourceCatalog catalog, string group, string version, string[] rest)
    {
        var watch = rest[0] == "watch";
        if (watch)
        {
            rest = rest[1..];
        }

        if (rest.Length >= 3 && rest[0] == "namespaces" && catalog.Find(group, version, rest[2]) is { Namespaced: true } namespaced)
        {
            return rest.Length > 5 ? null : new RequestTarget(namespaced, rest[1], At(rest, 3), At(rest, 4), watch);
        }

        if (rest.Length == 0 || rest.Length > 3 || catalog.Find(group, version, rest[0]) is not { } type)
        {
            return null;
        }

        return new RequestTarget(type, null, At(rest, 1), At(rest, 2), watch);
    }

    private static string? At(string[] segments, int index) => index < segments.Length ? segments[index] : null;
}
