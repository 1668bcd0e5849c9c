using k8s.Models;

namespace KubeEdge.PrePull.Runtime.Caching;

/// <summary>
/// What the controller's node cache keeps of a Node (docs/design.md §3 "Data flow"): its identity, labels and
/// conditions, which is all that selection (name, labels, <c>Ready</c>), waiting nodes and PodApply's node checks
/// (<c>DiskPressure</c>, <c>MemoryPressure</c>) read. A real Node also carries its image list, capacity, addresses,
/// system info, annotations and managed fields, several kilobytes each; for a fleet of 100,000 nodes the whole objects
/// held hundreds of megabytes that nothing read. A consumer that needs another field adds it here.
/// </summary>
internal static class CachedNode
{
    /// <summary>The part of <paramref name="node"/> the cache keeps, as a new object (the argument is not changed).</summary>
    public static V1Node Of(V1Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var metadata = node.Metadata;
        return new V1Node
        {
            ApiVersion = node.ApiVersion,
            Kind = node.Kind,
            Metadata = metadata is null ? null : new V1ObjectMeta
            {
                Name = metadata.Name,
                Uid = metadata.Uid,
                ResourceVersion = metadata.ResourceVersion,
                CreationTimestamp = metadata.CreationTimestamp,
                DeletionTimestamp = metadata.DeletionTimestamp,
                Labels = metadata.Labels,
            },
            Status = node.Status?.Conditions is { } conditions
                ? new V1NodeStatus { Conditions = [.. conditions.Select(c => new V1NodeCondition { Type = c.Type, Status = c.Status, Reason = c.Reason, Message = c.Message })] }
                : null,
        };
    }
}
