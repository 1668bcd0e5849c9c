using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Resources;

namespace KubeEdge.PrePull.Testing.Discovery;

/// <summary>The legacy discovery answers kubectl accepts: <c>/version</c>, <c>/api</c>, <c>/apis</c> and one APIResourceList per group version.</summary>
internal sealed class DiscoveryDocuments
{
    private static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    private readonly ResourceCatalog _catalog;

    /// <summary>Creates the documents for a catalog.</summary>
    /// <param name="catalog">What is served.</param>
    public DiscoveryDocuments(ResourceCatalog catalog) => _catalog = catalog;

    /// <summary>The <c>/version</c> answer.</summary>
    /// <returns>A version.Info object.</returns>
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0-kubeedge-prepull-embedded",
        ["gitCommit"] = "embedded",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.23",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    /// <summary>The <c>/api</c> answer.</summary>
    /// <param name="serverAddress">host:port clients reach the server at.</param>
    /// <returns>An APIVersions object.</returns>
    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    /// <summary>The <c>/apis</c> answer.</summary>
    /// <returns>An APIGroupList.</returns>
    public JsonObject Groups()
    {
        var groups = new JsonArray();
        foreach (var group in _catalog.All.Select(t => t.Group).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            groups.Add(Group(group));
        }

        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    /// <summary>The <c>/apis/{group}</c> answer.</summary>
    /// <param name="group">The group.</param>
    /// <returns>An APIGroup, or <see langword="null"/> when not served.</returns>
    public JsonObject? Group(string group)
    {
        var versions = _catalog.VersionsOf(group);
        if (versions.Count == 0)
        {
            return null;
        }

        var list = new JsonArray();
        foreach (var version in versions)
        {
            list.Add(new JsonObject { ["groupVersion"] = $"{group}/{version}", ["version"] = version });
        }

        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = list,
            ["preferredVersion"] = list[0]!.DeepClone(),
        };
    }

    /// <summary>The APIResourceList of one group version.</summary>
    /// <param name="group">Group; empty for core.</param>
    /// <param name="version">Version.</param>
    /// <returns>The list, or <see langword="null"/> when not served.</returns>
    public JsonObject? Resources(string group, string version)
    {
        var types = _catalog.All.Where(t => t.Group == group && t.Version == version).OrderBy(t => t.Plural, StringComparer.Ordinal).ToArray();
        if (types.Length == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var type in types)
        {
            var entry = new JsonObject
            {
                ["name"] = type.Plural,
                ["singularName"] = type.Singular,
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = new JsonArray([.. AllVerbs.Select(v => (JsonNode)v)]),
            };
            if (type.ShortNames.Count > 0)
            {
                entry["shortNames"] = new JsonArray([.. type.ShortNames.Select(s => (JsonNode)s)]);
            }

            resources.Add(entry);
            if (type.HasStatusSubresource)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = type.Plural + "/status",
                    ["singularName"] = string.Empty,
                    ["namespaced"] = type.Namespaced,
                    ["kind"] = type.Kind,
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }
}
