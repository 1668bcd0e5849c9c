namespace KubeEdge.PrePull.Runtime.Events;

/// <summary>The two values of a core/v1 Event's <c>type</c>.</summary>
internal static class EventTypes
{
    public const string Normal = "Normal";

    public const string Warning = "Warning";
}
