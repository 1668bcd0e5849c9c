using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Testing.Resources;

/// <summary>One served resource at one version: how it is addressed, stored and printed.</summary>
/// <param name="Group">API group; empty for core.</param>
/// <param name="Version">Served version.</param>
/// <param name="Plural">URL segment, e.g. <c>pods</c>.</param>
/// <param name="Kind">Object kind, e.g. <c>Pod</c>.</param>
/// <param name="Namespaced">Whether objects live in namespaces.</param>
internal sealed record ResourceType(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    /// <summary>Lower-case singular name used by discovery.</summary>
    public string Singular => Kind.ToLowerInvariant();

    /// <summary>Short names advertised in discovery (kubectl accepts them).</summary>
    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>Whether a <c>/status</c> subresource exists; then the main endpoint ignores <c>.status</c>.</summary>
    public bool HasStatusSubresource { get; init; }

    /// <summary>Whether <c>.status</c> is dropped on create (pods and custom resources; nodes keep theirs).</summary>
    public bool ResetsStatusOnCreate { get; init; }

    /// <summary>Fields besides <c>metadata.name</c>/<c>metadata.namespace</c> that field selectors accept.</summary>
    public IReadOnlyCollection<string> SelectableFields { get; init; } = [];

    /// <summary>Printer columns; empty means the built-in printer for the kind (or NAME and AGE).</summary>
    public IReadOnlyList<PrinterColumn> PrinterColumns { get; init; } = [];

    /// <summary>The OpenAPI v3 schema of a custom resource, for <c>/openapi/v3</c> and defaulting.</summary>
    public JsonObject? Schema { get; init; }

    /// <summary>Whether this is the version a group prefers (listed first in discovery).</summary>
    public bool Preferred { get; init; } = true;

    /// <summary><c>apiVersion</c> of objects served at this version.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Group/version path prefix, e.g. <c>api/v1</c> or <c>apis/coordination.k8s.io/v1</c>.</summary>
    public string PathPrefix => Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}";

    /// <summary>The storage key shared by every version of a resource: versions convert with no changes.</summary>
    public string StorageKey => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>Name used in messages, e.g. <c>pods</c> or <c>imageprepulljobs.operations.kubeedge.io</c>.</summary>
    public string QualifiedPlural => StorageKey;
}
