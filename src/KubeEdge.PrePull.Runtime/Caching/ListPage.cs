namespace KubeEdge.PrePull.Runtime.Caching;

/// <summary>One page of a paginated list.</summary>
/// <typeparam name="T">The object type.</typeparam>
/// <param name="Items">The objects of this page that bind to <typeparamref name="T"/>.</param>
/// <param name="ResourceVersion">The list's resourceVersion (the same on every page of one list).</param>
/// <param name="Continue">The token for the next page, or empty/<see langword="null"/> on the last page.</param>
/// <param name="Unreadable">The objects of this page that do not bind (docs/design.md §2, Unreadable jobs); none when <see langword="null"/>.</param>
internal sealed record ListPage<T>(IReadOnlyList<T> Items, string? ResourceVersion, string? Continue, IReadOnlyList<UnreadableObject>? Unreadable = null);
