using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>
/// The nodes of a run that ended the common way (Check passed, every image pulled), kept as values in one array
/// instead of a <see cref="NodeTaskResult"/> and its action flow per node. A run keeps every finished node until it
/// ends, so per-node objects were what the garbage collector copied from generation to generation on a large job;
/// an array of values is one object that it does not copy (docs/design.md §4 item 2). A node's
/// <see cref="NodeTaskResult"/> is built when someone reads it (its <see cref="NodeUpdateKind.Finished"/> update,
/// <see cref="JobRun.GetNodes"/>, the outcome); each read builds an equal instance.
/// </summary>
/// <remarks>
/// Each position is written once per run, before <see cref="Marker"/> is stored at that position of the run's
/// node array, and never changed after: so a reader that saw the marker reads a complete entry without a lock.
/// </remarks>
internal sealed class SucceededNodes(int count)
{
    /// <summary>Stands in the run's node array for a node whose state is kept here.</summary>
    public static readonly NodeTaskResult Marker = new(string.Empty, NodeTaskPhases.Successful, null, [], []);

    private readonly Entry[] _entries = new Entry[count];

    /// <summary>Whether the times can be kept as UTC ticks: <see cref="TimeProvider.GetUtcNow"/> answers with offset zero.</summary>
    public static bool CanKeep(DateTimeOffset checkTime, DateTimeOffset pullTime) =>
        checkTime.Offset == TimeSpan.Zero && pullTime.Offset == TimeSpan.Zero;

    /// <summary>Records the node at <paramref name="index"/>; the caller then stores <see cref="Marker"/> there.</summary>
    public void Set(int index, string nodeName, DateTimeOffset checkTime, DateTimeOffset pullTime, ImageResult[] images) =>
        _entries[index] = new Entry(nodeName, checkTime.UtcTicks, pullTime.UtcTicks, images);

    /// <summary>The node at <paramref name="index"/>, built from its entry.</summary>
    public NodeTaskResult Get(int index)
    {
        ref readonly var entry = ref _entries[index];
        var flow = new CheckThenPull(new DateTimeOffset(entry.CheckTicks, TimeSpan.Zero), true, null, new DateTimeOffset(entry.PullTicks, TimeSpan.Zero));
        return new NodeTaskResult(entry.NodeName, NodeTaskPhases.Successful, null, flow, entry.Images);
    }

    // 32 bytes: the times as ticks (both UTC), the images as the array the node's run kept (often shared).
    private readonly record struct Entry(string NodeName, long CheckTicks, long PullTicks, ImageResult[] Images);
}
