using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Testing.Storage;

/// <summary>One page of a list.</summary>
/// <param name="Items">The objects, in key order.</param>
/// <param name="ResourceVersion">The store's resourceVersion the list reflects.</param>
/// <param name="Continue">Token for the next page, or <see langword="null"/> on the last page.</param>
/// <param name="RemainingItemCount">Objects after this page when known (no selector), else <see langword="null"/>.</param>
internal sealed record ListPage(IReadOnlyList<JsonObject> Items, long ResourceVersion, string? Continue, long? RemainingItemCount);
