using System.Text.Json.Serialization;

namespace KubeEdge.PrePull.Api;

/// <summary>
/// NEW: how much of a job <see cref="ImagePrePullJobStatus.NodeStatus"/> leaves out when it lists only some nodes
/// (above the detail limit, or when the entries do not fit the status size budget); <see cref="ImagePrePullJobStatus.Summary"/>
/// still counts every node (docs/design.md §2 "Status").
/// </summary>
public sealed record NodeStatusOmission
{
    /// <summary><see cref="Reason"/> when the job has more nodes than the detail limit.</summary>
    public const string DetailLimitReason = "DetailLimit";

    /// <summary><see cref="Reason"/> when the job is within the detail limit but its entries exceed the byte budget.</summary>
    public const string SizeBudgetReason = "SizeBudget";

    /// <summary>How many nodes have no entry in <c>nodeStatus</c>.</summary>
    [JsonPropertyName("count")]
    public int Count { get; set; }

    /// <summary>Why entries are left out: <see cref="DetailLimitReason"/> or <see cref="SizeBudgetReason"/>.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    /// <summary>
    /// The node phases <c>nodeStatus</c> lists, in the order they get room (<c>Failure</c>, <c>Unknown</c>,
    /// <c>InProgress</c>, <c>Pending</c>); a phase not named here (always <c>Successful</c>) is left out entirely.
    /// A listed phase is complete when its entries match its <c>summary</c> count.
    /// </summary>
    [JsonPropertyName("listedPhases")]
    public IList<string>? ListedPhases { get; set; }
}
