using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Testing.Resources;

/// <summary>Turns the ImagePrePullJob CRD embedded in the core assembly into served resource types.</summary>
internal static class CrdResourceLoader
{
    private const string ManifestName = "KubeEdge.PrePull.Crd.imageprepulljobs.yaml";

    /// <summary>Loads the embedded ImagePrePullJob CRD, one resource type per served version.</summary>
    /// <returns>The served versions, the storage version flagged preferred.</returns>
    public static IReadOnlyList<ResourceType> LoadImagePrePullJobs()
    {
        using var stream = typeof(ImagePrePullJob).Assembly.GetManifestResourceStream(ManifestName)
            ?? throw new InvalidOperationException($"The core assembly has no embedded resource '{ManifestName}'.");
        using var reader = new StreamReader(stream);
        return FromCrd(KubernetesYaml.Deserialize<V1CustomResourceDefinition>(reader.ReadToEnd()));
    }

    /// <summary>Builds resource types from a CRD.</summary>
    /// <param name="crd">The definition.</param>
    /// <returns>One type per served version.</returns>
    public static IReadOnlyList<ResourceType> FromCrd(V1CustomResourceDefinition crd)
    {
        var spec = crd.Spec;
        var result = new List<ResourceType>();
        foreach (var version in spec.Versions.Where(v => v.Served))
        {
            var schema = version.Schema?.OpenAPIV3Schema is { } s
                ? JsonNode.Parse(KubernetesJson.Serialize(s)) as JsonObject
                : null;
            result.Add(new ResourceType(spec.Group, version.Name, spec.Names.Plural, spec.Names.Kind, spec.Scope == "Namespaced")
            {
                ShortNames = spec.Names.ShortNames?.ToArray() ?? [],
                HasStatusSubresource = version.Subresources?.Status is not null,
                ResetsStatusOnCreate = version.Subresources?.Status is not null,
                PrinterColumns = (version.AdditionalPrinterColumns ?? [])
                    .Select(c => new PrinterColumn(c.Name, c.Type, c.JsonPath, c.Priority ?? 0))
                    .ToArray(),
                Schema = schema,
                Preferred = version.Storage,
            });
        }

        return result;
    }
}
