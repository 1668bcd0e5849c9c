using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>
/// The nodes of a run that ended the common way (Check passed, every image pulled), kept as values in one array
/// instead of a <see cref="NodeTaskResult"/> and its action flow per node. A run keeps every finished node until it
/// ends, so per-node objects were what the garbage collector copied from generation to generation on a large job;
/// an array of values is one object that it does not copy (docs/design.md §4 item 2). A node's
/// <see cref="NodeTaskResult"/> is built the first time someone reads it (its <see cref="NodeUpdateKind.Finished"/>
/// update, <see cref="JobRun.GetNodes"/>, the outcome) and kept for the next reads: a status writer reads every node
/// on each write, and must not build them anew each time.
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
    // The nodes built so far, by position; made on the first read (a run nobody reads never needs it).
    private NodeTaskResult?[]? _built;

    /// <summary>Whether the times can be kept as UTC ticks: <see cref="TimeProvider.GetUtcNow"/> answers with offset zero.</summary>
    public static bool CanKeep(DateTimeOffset checkTime, DateTimeOffset pullTime) =>
        checkTime.Offset == TimeSpan.Zero && pullTime.Offset == TimeSpan.Zero;

    /// <summary>Records the node at <paramref name="index"/>; the caller then stores <see cref="Marker"/> there.</summary>
    public void Set(int index, string nodeName, DateTimeOffset checkTime, DateTimeOffset pullTime, ImageResult[] images) =>
        _entries[index] = new Entry(nodeName, checkTime.UtcTicks, pullTime.UtcTicks, images);

    /// <summary>The node at <paramref name="index"/>: built from its entry on the first read, then the same instance.</summary>
    public NodeTaskResult Get(int index)
    {
        var built = Volatile.Read(ref _built) ?? Interlocked.CompareExchange(ref _built, new NodeTaskResult?[_entries.Length], null) ?? _built;
        if (Volatile.Read(ref built[index]) is { } node)
        {
            return node;
        }

        ref readonly var entry = ref _entries[index];
        var flow = new CheckThenPull(new DateTimeOffset(entry.CheckTicks, TimeSpan.Zero), true, null, new DateTimeOffset(entry.PullTicks, TimeSpan.Zero));
        node = new NodeTaskResult(entry.NodeName, NodeTaskPhases.Successful, null, flow, entry.Images);
        // Two readers at once may both build one: equal instances, and the first one stored is kept.
        return Interlocked.CompareExchange(ref built[index], node, null) ?? node;
    }

    // 32 bytes: the times as ticks (both UTC), the images as the array the node's run kept (often shared).
    private readonly record struct Entry(string NodeName, long CheckTicks, long PullTicks, ImageResult[] Images);
}
