using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Serialization;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Tests.Api;

public sealed class ImagePrePullJobCrdTests
{
    // Keywords a structural schema may use (apiextensions.k8s.io/v1 JSONSchemaProps that this CRD has a use for).
    private static readonly HashSet<string> KnownKeywords =
    [
        "description", "type", "format", "properties", "items", "required", "enum", "default", "minimum", "maximum",
        "additionalProperties", "nullable", "pattern", "minItems", "maxItems", "minLength", "maxLength",
        "x-kubernetes-map-type", "x-kubernetes-list-type", "x-kubernetes-preserve-unknown-fields",
    ];

    private static readonly HashSet<string> KnownTypes = ["object", "array", "string", "integer", "number", "boolean"];

    private static JsonObject Crd => (JsonObject)YamlDocuments.Parse(ImagePrePullJobCrd.Yaml, YamlScalarTyping.CoreSchema).Single()!;

    private static IEnumerable<JsonObject> Versions => Crd["spec"]!["versions"]!.AsArray().Cast<JsonObject>();

    [Fact]
    public void Yaml_IsTheShippedDeployFile()
    {
        var deployFile = Path.Combine(RepoPaths.RepoRoot, "deploy", "crds", "operations.kubeedge.io_imageprepulljobs.yaml");

        Assert.Equal(File.ReadAllText(deployFile), ImagePrePullJobCrd.Yaml);
    }

    [Fact]
    public void Load_Manifest_DescribesTheClusterScopedResource()
    {
        var crd = ImagePrePullJobCrd.Load();

        Assert.Equal(ImagePrePullJobNames.CrdName, crd.Metadata.Name);
        Assert.Equal(ImagePrePullJobNames.Group, crd.Spec.Group);
        Assert.Equal("Cluster", crd.Spec.Scope);
        Assert.Equal(ImagePrePullJobNames.Kind, crd.Spec.Names.Kind);
        Assert.Equal(ImagePrePullJobNames.ListKind, crd.Spec.Names.ListKind);
        Assert.Equal(ImagePrePullJobNames.Plural, crd.Spec.Names.Plural);
        Assert.Equal(ImagePrePullJobNames.Singular, crd.Spec.Names.Singular);
        Assert.Null(crd.Spec.Conversion);
    }

    [Fact]
    public void Versions_BothServed_V1Alpha2Stored_WithStatusSubresourceAndPrinterColumns()
    {
        var crd = ImagePrePullJobCrd.Load();

        Assert.Equal([ImagePrePullJobNames.V1Alpha1, ImagePrePullJobNames.V1Alpha2], crd.Spec.Versions.Select(v => v.Name));
        Assert.All(crd.Spec.Versions, v => Assert.True(v.Served));
        Assert.Equal(ImagePrePullJobNames.V1Alpha2, Assert.Single(crd.Spec.Versions, v => v.Storage).Name);
        Assert.All(crd.Spec.Versions, v => Assert.NotNull(v.Subresources?.Status));
        Assert.All(crd.Spec.Versions, v => Assert.Equal(
            ["Phase|string|.status.phase", "Total|integer|.status.summary.total", "Succeeded|integer|.status.summary.successful", "Failed|integer|.status.summary.failed", "Age|date|.metadata.creationTimestamp"],
            v.AdditionalPrinterColumns.Select(c => $"{c.Name}|{c.Type}|{c.JsonPath}")));
    }

    [Fact]
    public void Schemas_AreTheSameForBothVersions()
    {
        var schemas = Versions.Select(v => v["schema"]!.ToJsonString()).Distinct().ToList();

        Assert.Single(schemas);
    }

    [Fact]
    public void Schema_IsStructural_TypesEverywhereAndNoUnknownKeywords()
    {
        var problems = new List<string>();
        foreach (var version in Versions)
        {
            CheckStructural((JsonObject)version["schema"]!["openAPIV3Schema"]!, $"{version["name"]}:", problems);
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Schema_HasEveryPropertyTheModelsCanWrite()
    {
        // The API server prunes unknown fields of a structural schema silently: a field missing here would vanish.
        var missing = new List<string>();
        foreach (var version in Versions)
        {
            var root = (JsonObject)version["schema"]!["openAPIV3Schema"]!;
            Walk(typeof(ImagePrePullJob), root, $"{version["name"]}:", missing, depth: 0);
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void Schema_EnumsAndDefaults_MatchTheModelConstants()
    {
        var schema = Versions.Last()["schema"]!["openAPIV3Schema"]!;
        var template = schema["properties"]!["spec"]!["properties"]!["imagePrePullTemplate"]!["properties"]!;
        var status = schema["properties"]!["status"]!["properties"]!;
        var overrider = schema["properties"]!["spec"]!["properties"]!["imagePrePullOverriders"]!["items"]!["properties"]!["overriders"]!["properties"]!;

        Assert.Equal(CheckItems.All, Strings(template["checkItems"]!["items"]!["enum"]));
        Assert.Equal(ImagePullPolicies.All, Strings(template["imagePullPolicy"]!["enum"]));
        Assert.Equal(JobPhases.All, Strings(status["phase"]!["enum"]));
        Assert.Equal(NodeTaskPhases.All, Strings(status["nodeStatus"]!["items"]!["properties"]!["phase"]!["enum"]));
        Assert.Equal(ImageComponents.All, Strings(overrider["imageOverriders"]!["items"]!["properties"]!["component"]!["enum"]));
        Assert.Equal(OverriderOperators.All, Strings(overrider["imageOverriders"]!["items"]!["properties"]!["operator"]!["enum"]));
        Assert.Equal(SecretComponents.All, Strings(overrider["secretOverriders"]!["items"]!["properties"]!["component"]!["enum"]));

        Assert.Equal(ImagePrePullJobDefaults.CheckItems, Strings(template["checkItems"]!["default"]));
        Assert.Equal(ImagePrePullJobDefaults.FailureTolerate, (string?)template["failureTolerate"]!["default"]);
        Assert.Equal(ImagePrePullJobDefaults.Concurrency, (long?)template["concurrency"]!["default"]);
        Assert.Equal(ImagePrePullJobDefaults.TimeoutSeconds, (long?)template["timeoutSeconds"]!["default"]);
        Assert.Equal(ImagePrePullJobDefaults.ImagePullPolicy, (string?)template["imagePullPolicy"]!["default"]);
    }

    [Fact]
    public void Schema_BoundsInBothVersions_AreTheLimitsTable()
    {
        // docs/design.md §1 "Limits": the API server rejects what the validator rejects, in either version.
        foreach (var version in Versions)
        {
            var template = version["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!["properties"]!["imagePrePullTemplate"]!["properties"]!;
            var name = (string?)version["name"];
            Assert.True((long?)template["timeoutSeconds"]!["minimum"] == 0 && (long?)template["timeoutSeconds"]!["maximum"] == ImagePrePullJobLimits.MaxTimeoutSeconds, name);
            Assert.True((long?)template["concurrency"]!["minimum"] == 0 && (long?)template["concurrency"]!["maximum"] == ImagePrePullJobLimits.MaxConcurrency, name);
            Assert.True((long?)template["retryTimes"]!["minimum"] == 0 && (long?)template["retryTimes"]!["maximum"] == ImagePrePullJobLimits.MaxRetryTimes, name);
            Assert.True((long?)template["failureTolerate"]!["maxLength"] == ImagePrePullJobLimits.MaxFailureTolerateLength, name);
            Assert.True((long?)template["images"]!["maxItems"] == ImagePrePullJobLimits.MaxImages, name);
            Assert.True((long?)template["images"]!["items"]!["maxLength"] == ImagePrePullJobLimits.MaxImageReferenceLength, name);
        }
    }

    [Fact]
    public void Schema_CompletionPolicyAndObservedRerun_InBothVersions_AreTheLimitsTable()
    {
        // docs/design.md §1 "Limits": the deadline and the TTL stop at the longest timer, in either version.
        foreach (var version in Versions)
        {
            var schema = version["schema"]!["openAPIV3Schema"]!;
            var policy = schema["properties"]!["spec"]!["properties"]!["completionPolicy"]!["properties"]!;
            var name = (string?)version["name"];
            Assert.True(Strings(policy["type"]!["enum"]).SequenceEqual(CompletionPolicyTypes.All), name);
            Assert.True((string?)policy["type"]!["default"] == ImagePrePullJobDefaults.CompletionPolicyType, name);
            Assert.True((string?)policy["activeDeadlineSeconds"]!["format"] == "int64", name);
            Assert.True((long?)policy["activeDeadlineSeconds"]!["minimum"] == 1 && (long?)policy["activeDeadlineSeconds"]!["maximum"] == ImagePrePullJobLimits.MaxActiveDeadlineSeconds, name);
            Assert.True((string?)policy["ttlSecondsAfterFinished"]!["format"] == "int32", name);
            Assert.True((long?)policy["ttlSecondsAfterFinished"]!["minimum"] == 0 && (long?)policy["ttlSecondsAfterFinished"]!["maximum"] == ImagePrePullJobLimits.MaxTtlSecondsAfterFinished, name);
            var observed = schema["properties"]!["status"]!["properties"]!["observedRerun"]!;
            Assert.True((string?)observed["type"] == "string" && (long?)observed["maxLength"] == ImagePrePullJobLimits.MaxRerunValueLength, name);
        }
    }

    private static List<string> Strings(JsonNode? array) => array!.AsArray().Select(n => (string)n!).ToList();

    private static void CheckStructural(JsonObject schema, string path, List<string> problems)
    {
        foreach (var (keyword, _) in schema)
        {
            if (!KnownKeywords.Contains(keyword))
            {
                problems.Add($"{path} unknown keyword '{keyword}'");
            }
        }

        var type = (string?)schema["type"];
        if (type is null || !KnownTypes.Contains(type))
        {
            problems.Add($"{path} missing or unknown type '{type}'");
        }

        if (schema["properties"] is JsonObject properties)
        {
            if (type != "object")
            {
                problems.Add($"{path} has properties but type '{type}'");
            }

            foreach (var (name, child) in properties)
            {
                CheckStructural((JsonObject)child!, $"{path}.{name}", problems);
            }
        }

        if (schema["items"] is JsonObject items)
        {
            if (type != "array")
            {
                problems.Add($"{path} has items but type '{type}'");
            }

            CheckStructural(items, $"{path}[]", problems);
        }
        else if (type == "array")
        {
            problems.Add($"{path} is an array without items");
        }

        if (schema["additionalProperties"] is JsonObject additional)
        {
            CheckStructural(additional, $"{path}{{}}", problems);
        }

        if (schema["enum"] is JsonArray values && schema["default"] is JsonValue def && !values.Any(v => v!.ToJsonString() == def.ToJsonString()))
        {
            problems.Add($"{path} default {def.ToJsonString()} is not one of its enum values");
        }

        foreach (var required in schema["required"]?.AsArray() ?? [])
        {
            if (schema["properties"]?[(string)required!] is null)
            {
                problems.Add($"{path} requires '{required}', which it does not define");
            }
        }
    }

    private static void Walk(Type type, JsonObject schema, string path, List<string> missing, int depth)
    {
        Assert.True(depth < 20, $"model recursion too deep at {path}");
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name is not { } name || property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
            {
                continue;
            }

            var childPath = $"{path}.{name}";
            if (schema["properties"]?[name] is not JsonObject child)
            {
                missing.Add(childPath);
                continue;
            }

            if (name == "metadata" && depth == 0)
            {
                continue; // the API server owns ObjectMeta's schema
            }

            WalkType(property.PropertyType, child, childPath, missing, depth + 1);
        }
    }

    private static void WalkType(Type type, JsonObject schema, string path, List<string> missing, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type.IsPrimitive || type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return;
        }

        var dictionary = type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        if (dictionary is not null)
        {
            if (schema["additionalProperties"] is not JsonObject values)
            {
                missing.Add($"{path}{{}}");
                return;
            }

            WalkType(dictionary.GetGenericArguments()[1], values, $"{path}{{}}", missing, depth + 1);
            return;
        }

        if (typeof(IEnumerable).IsAssignableFrom(type))
        {
            var element = type.GetInterfaces().Append(type).First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)).GetGenericArguments()[0];
            if (schema["items"] is not JsonObject items)
            {
                missing.Add($"{path}[]");
                return;
            }

            WalkType(element, items, $"{path}[]", missing, depth + 1);
            return;
        }

        Walk(type, schema, path, missing, depth);
    }
}
