namespace KubeEdge.PrePull.Testing.Resources;

/// <summary>Every resource the embedded server serves, found by group, version and plural.</summary>
internal sealed class ResourceCatalog
{
    private readonly Dictionary<(string Group, string Version, string Plural), ResourceType> _byPath = [];

    /// <summary>Creates the catalog of built-in types plus the given custom resources.</summary>
    /// <param name="customResources">Custom resource types (each served version).</param>
    public ResourceCatalog(IEnumerable<ResourceType> customResources)
    {
        foreach (var type in BuiltIns().Concat(customResources))
        {
            _byPath[(type.Group, type.Version, type.Plural)] = type;
        }
    }

    /// <summary>All served types.</summary>
    public IEnumerable<ResourceType> All => _byPath.Values;

    /// <summary>Core v1 pods.</summary>
    public ResourceType Pods => _byPath[(string.Empty, "v1", "pods")];

    /// <summary>Core v1 nodes.</summary>
    public ResourceType Nodes => _byPath[(string.Empty, "v1", "nodes")];

    /// <summary>Core v1 secrets.</summary>
    public ResourceType Secrets => _byPath[(string.Empty, "v1", "secrets")];

    /// <summary>Core v1 namespaces.</summary>
    public ResourceType Namespaces => _byPath[(string.Empty, "v1", "namespaces")];

    /// <summary>Finds a served type.</summary>
    /// <param name="group">Group; empty for core.</param>
    /// <param name="version">Version.</param>
    /// <param name="plural">Plural.</param>
    /// <returns>The type, or <see langword="null"/> when not served.</returns>
    public ResourceType? Find(string group, string version, string plural) =>
        _byPath.GetValueOrDefault((group, version, plural));

    /// <summary>The served versions of a group, preferred first.</summary>
    /// <param name="group">The group.</param>
    /// <returns>Distinct versions.</returns>
    public IReadOnlyList<string> VersionsOf(string group) => All
        .Where(t => t.Group == group)
        .OrderByDescending(t => t.Preferred)
        .Select(t => t.Version)
        .Distinct(StringComparer.Ordinal)
        .ToArray();

    private static IEnumerable<ResourceType> BuiltIns()
    {
        yield return new ResourceType(string.Empty, "v1", "namespaces", "Namespace", Namespaced: false)
        {
            ShortNames = ["ns"],
            HasStatusSubresource = true,
            SelectableFields = ["status.phase"],
        };
        yield return new ResourceType(string.Empty, "v1", "nodes", "Node", Namespaced: false)
        {
            ShortNames = ["no"],
            HasStatusSubresource = true,
            SelectableFields = ["spec.unschedulable"],
        };
        yield return new ResourceType(string.Empty, "v1", "pods", "Pod", Namespaced: true)
        {
            ShortNames = ["po"],
            HasStatusSubresource = true,
            ResetsStatusOnCreate = true,
            SelectableFields = ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.phase", "status.podIP", "status.nominatedNodeName"],
        };
        yield return new ResourceType(string.Empty, "v1", "secrets", "Secret", Namespaced: true)
        {
            SelectableFields = ["type"],
        };
        yield return new ResourceType(string.Empty, "v1", "events", "Event", Namespaced: true)
        {
            ShortNames = ["ev"],
            SelectableFields = ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"],
        };
        yield return new ResourceType("coordination.k8s.io", "v1", "leases", "Lease", Namespaced: true);

        // Stored like any object, so a controller can install or update its CRD; a stored CRD does not add a
        // resource (the server serves the ImagePrePullJob CRD it was built with).
        yield return new ResourceType("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", Namespaced: false)
        {
            ShortNames = ["crd", "crds"],
        };
    }
}
