using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeEdge.PrePull.Runtime.Caching;

/// <summary>The list envelope of a custom resource (<c>&lt;Kind&gt;List</c>), for typed list calls.</summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class CustomObjectList<T>
{
    /// <summary>List metadata: resourceVersion and continue token.</summary>
    [JsonPropertyName("metadata")]
    public V1ListMeta? Metadata { get; set; }

    /// <summary>The items.</summary>
    [JsonPropertyName("items")]
    public IList<T>? Items { get; set; }
}
