using System.Text.Json.Serialization;

namespace KubeEdge.PrePull.Api;

/// <summary>NEW: node counts by phase. <c>failed</c> counts <c>Failure</c>; <c>unknown</c> counts <c>Unknown</c>.</summary>
public sealed record JobSummary
{
    /// <summary>All selected nodes.</summary>
    [JsonPropertyName("total")]
    public int Total { get; set; }

    /// <summary>Nodes not dispatched yet (or never, after an early stop).</summary>
    [JsonPropertyName("pending")]
    public int Pending { get; set; }

    /// <summary>Nodes in flight.</summary>
    [JsonPropertyName("inProgress")]
    public int InProgress { get; set; }

    /// <summary>Nodes that pulled every image.</summary>
    [JsonPropertyName("successful")]
    public int Successful { get; set; }

    /// <summary>Nodes in phase <c>Failure</c>.</summary>
    [JsonPropertyName("failed")]
    public int Failed { get; set; }

    /// <summary>Nodes in phase <c>Unknown</c> (timed out).</summary>
    [JsonPropertyName("unknown")]
    public int Unknown { get; set; }

    /// <summary>Counts one more node in <paramref name="phase"/> (and in <see cref="Total"/>); a phase this type does not know counts as pending.</summary>
    /// <param name="phase">A node phase from <see cref="NodeTaskPhases"/>.</param>
    public void Count(string? phase)
    {
        Total++;
        switch (phase)
        {
            case NodeTaskPhases.Successful: Successful++; break;
            case NodeTaskPhases.Failure: Failed++; break;
            case NodeTaskPhases.Unknown: Unknown++; break;
            case NodeTaskPhases.InProgress: InProgress++; break;
            default: Pending++; break;
        }
    }
}
