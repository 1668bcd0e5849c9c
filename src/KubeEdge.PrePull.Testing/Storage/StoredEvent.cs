using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Testing.Storage;

/// <summary>One change to one object, kept in a bounded history so watches can resume from a resourceVersion.</summary>
/// <param name="Type"><c>ADDED</c>, <c>MODIFIED</c> or <c>DELETED</c>.</param>
/// <param name="ResourceVersion">The resourceVersion the change produced.</param>
/// <param name="Object">The object after the change (for DELETED, its last state).</param>
/// <param name="Previous">The object before the change, so selector-filtered watches can turn it into ADDED/DELETED.</param>
/// <param name="At">When the change was made, on the server's clock, for the time-based history window.</param>
internal sealed record StoredEvent(string Type, long ResourceVersion, JsonObject Object, JsonObject? Previous, DateTimeOffset At = default)
{
    /// <summary>Event type of a creation.</summary>
    public const string Added = "ADDED";

    /// <summary>Event type of an update.</summary>
    public const string Modified = "MODIFIED";

    /// <summary>Event type of a removal.</summary>
    public const string Deleted = "DELETED";
}
