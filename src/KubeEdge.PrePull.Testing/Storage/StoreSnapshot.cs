using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Testing.Storage;

/// <summary>
/// What gets and lists read without the store's lock: every resource's objects and the resourceVersion they are
/// at, replaced as a whole after each change (docs/design.md §3 "Lock-free reads").
/// </summary>
/// <param name="Objects">Each resource's objects by storage key.</param>
/// <param name="ResourceVersion">The resourceVersion of the last change included.</param>
internal sealed record StoreSnapshot(ImmutableDictionary<string, ImmutableSortedDictionary<string, JsonObject>> Objects, long ResourceVersion)
{
    /// <summary>The snapshot of an empty store.</summary>
    public static StoreSnapshot Empty { get; } = new(ImmutableDictionary.Create<string, ImmutableSortedDictionary<string, JsonObject>>(StringComparer.Ordinal), 0);
}
