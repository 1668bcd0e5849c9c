namespace KubeEdge.PrePull.Testing.Resources;

/// <summary>Which top-level fields of a custom resource a write may change, and so which are validated.</summary>
internal enum SchemaScope
{
    /// <summary>Every field (a resource without a status subresource).</summary>
    All,

    /// <summary>Everything but <c>status</c>: the main endpoint of a resource with a status subresource keeps the stored status.</summary>
    AllButStatus,

    /// <summary>Only <c>status</c>: a write to the status subresource.</summary>
    StatusOnly,
}
