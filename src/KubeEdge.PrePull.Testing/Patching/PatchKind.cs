namespace KubeEdge.PrePull.Testing.Patching;

/// <summary>The patch formats the server understands, from the request's content type.</summary>
internal enum PatchKind
{
    /// <summary><c>application/merge-patch+json</c>.</summary>
    Merge,

    /// <summary><c>application/json-patch+json</c>.</summary>
    Json,

    /// <summary><c>application/strategic-merge-patch+json</c>: applied as a merge patch, built-in types only.</summary>
    StrategicMerge,
}
