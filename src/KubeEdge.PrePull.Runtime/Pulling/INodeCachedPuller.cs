using k8s.Models;

namespace KubeEdge.PrePull.Runtime.Pulling;

/// <summary>
/// A puller that reads nodes: the controller hands it the node cache of its term, so it reads no node from the API
/// server while the cache holds it (docs/design.md §3 "PodApply").
/// </summary>
internal interface INodeCachedPuller
{
    /// <summary>
    /// Gives the puller <paramref name="lookup"/>: the cached node of a name, or <see langword="null"/> when the cache
    /// has none (not synced yet, or no such node), in which case the puller reads the node itself. Called before the
    /// first node.
    /// </summary>
    void UseNodeCache(Func<string, V1Node?> lookup);
}
