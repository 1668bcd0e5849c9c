using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Resources;

namespace KubeEdge.PrePull.Testing.Discovery;

/// <summary>
/// <c>/openapi/v3</c>: an index of group versions and, per group version, the custom resources' schemas tagged
/// with their group/version/kind, which is what <c>kubectl apply</c> downloads to validate.
/// </summary>
internal sealed class OpenApiDocuments
{
    private readonly ResourceCatalog _catalog;

    /// <summary>Creates the documents for a catalog.</summary>
    /// <param name="catalog">What is served.</param>
    public OpenApiDocuments(ResourceCatalog catalog) => _catalog = catalog;

    /// <summary>The <c>/openapi/v3</c> index.</summary>
    /// <returns>The index.</returns>
    public JsonObject Index()
    {
        var paths = new JsonObject();
        foreach (var prefix in _catalog.All.Select(t => t.PathPrefix).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            paths[prefix] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{prefix}?hash=embedded" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The OpenAPI v3 document of one group version.</summary>
    /// <param name="pathPrefix">e.g. <c>apis/operations.kubeedge.io/v1alpha2</c>.</param>
    /// <returns>The document, or <see langword="null"/> when not served.</returns>
    public JsonObject? GroupVersion(string pathPrefix)
    {
        var types = _catalog.All.Where(t => t.PathPrefix == pathPrefix).ToArray();
        if (types.Length == 0)
        {
            return null;
        }

        var schemas = new JsonObject();
        var paths = new JsonObject();
        foreach (var type in types)
        {
            paths[ObjectPath(type)] = PatchOperation(type);
        }

        foreach (var type in types.Where(t => t.Schema is not null))
        {
            var schema = (JsonObject)type.Schema!.DeepClone();
            schema["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject
            {
                ["group"] = type.Group,
                ["kind"] = type.Kind,
                ["version"] = type.Version,
            });
            schemas[SchemaName(type)] = schema;
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static string ObjectPath(ResourceType type) =>
        type.Namespaced ? $"/{type.PathPrefix}/namespaces/{{namespace}}/{type.Plural}/{{name}}" : $"/{type.PathPrefix}/{type.Plural}/{{name}}";

    // kubectl looks for a PATCH operation of the kind that takes "fieldValidation": then it leaves validation to
    // the server instead of downloading the OpenAPI v2 document.
    private static JsonObject PatchOperation(ResourceType type) => new()
    {
        ["patch"] = new JsonObject
        {
            ["operationId"] = $"patch{type.Kind}",
            ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = type.Group, ["kind"] = type.Kind, ["version"] = type.Version },
            ["parameters"] = new JsonArray(new JsonObject
            {
                ["name"] = "fieldValidation",
                ["in"] = "query",
                ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
            }),
            ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
        },
    };

    private static string SchemaName(ResourceType type)
    {
        // Kubernetes names CRD schemas by reversed group, version and kind: io.kubeedge.operations.v1alpha2.ImagePrePullJob.
        var reversed = string.Join('.', type.Group.Split('.').Reverse());
        return $"{reversed}.{type.Version}.{type.Kind}";
    }
}
