using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeEdge.PrePull.Api;

/// <summary>
/// What to pull and on which nodes. Every upstream field keeps its JSON name and meaning, including the quirk that
/// <see cref="ImageSecrets"/> is one <c>"ns/name"</c> string; <see cref="PullSecrets"/> and
/// <see cref="ImagePullPolicy"/> are new. Absent fields stay <see langword="null"/>; defaults are applied by
/// <see cref="ImagePrePullJobDefaults"/>, never by the model.
/// </summary>
public sealed record ImagePrePullTemplate
{
    /// <summary>The images to pull, each a valid image reference, at least one.</summary>
    [JsonPropertyName("images")]
    public IList<string>? Images { get; set; }

    /// <summary>The nodes to pull on, by name. Exactly one of this and <see cref="LabelSelector"/>.</summary>
    [JsonPropertyName("nodeNames")]
    public IList<string>? NodeNames { get; set; }

    /// <summary>The nodes to pull on, by label. Exactly one of this and <see cref="NodeNames"/>.</summary>
    [JsonPropertyName("labelSelector")]
    public V1LabelSelector? LabelSelector { get; set; }

    /// <summary>Checks run before pulling: <c>disk</c>, <c>mem</c>, <c>cpu</c> (see <see cref="CheckItems"/>). Absent: <c>[disk]</c>; empty: no checks.</summary>
    [JsonPropertyName("checkItems")]
    public IList<string>? CheckItems { get; set; }

    /// <summary>The tolerated ratio of failed nodes, a decimal string in [0,1]. Absent: <c>"0.1"</c>.</summary>
    [JsonPropertyName("failureTolerate")]
    public string? FailureTolerate { get; set; }

    /// <summary>The maximum number of nodes in flight. Absent or 0: 1.</summary>
    [JsonPropertyName("concurrency")]
    public int? Concurrency { get; set; }

    /// <summary>The time a node has, from dispatch, before it becomes <c>Unknown</c>. Absent or 0: 300.</summary>
    [JsonPropertyName("timeoutSeconds")]
    public long? TimeoutSeconds { get; set; }

    /// <summary>Upstream's single secret reference, <c>"namespace/name"</c> (the JSON name is plural, the value is one).</summary>
    [JsonPropertyName("imageSecrets")]
    public string? ImageSecrets { get; set; }

    /// <summary>Extra attempts for each failed image. Absent: 0.</summary>
    [JsonPropertyName("retryTimes")]
    public int? RetryTimes { get; set; }

    /// <summary>NEW: several secret references, <c>"namespace/name"</c>, tried in addition to <see cref="ImageSecrets"/>.</summary>
    [JsonPropertyName("pullSecrets")]
    public IList<string>? PullSecrets { get; set; }

    /// <summary>NEW: <c>IfNotPresent</c> (default) or <c>Always</c>; see <see cref="ImagePullPolicies"/>.</summary>
    [JsonPropertyName("imagePullPolicy")]
    public string? ImagePullPolicy { get; set; }

    /// <summary>
    /// NEW: resolve each image's tag to a manifest digest when the job starts and pull that digest on every node
    /// (docs/design.md §2 "Pinned digests"). Absent: <see langword="false"/>.
    /// </summary>
    [JsonPropertyName("pinDigests")]
    public bool? PinDigests { get; set; }
}
