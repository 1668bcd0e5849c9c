namespace KubeEdge.PrePull.Runtime.Events;

/// <summary>
/// The events recorded lately, by <see cref="EventKey"/>: the name each was created under and its count, so a repeat
/// increments that event instead of creating another. Bounded: past <see cref="Capacity"/> keys the oldest is
/// forgotten (its next repeat starts a new event), as the kubelet's recorder keeps an LRU cache of 4,096.
/// Not thread-safe: <see cref="JobEventRecorder"/> calls it while it holds its write semaphore.
/// </summary>
internal sealed class RecentEvents
{
    public const int Capacity = 4096;

    private readonly Dictionary<EventKey, (string Name, int Count)> _events = [];
    private readonly Queue<EventKey> _order = new();

    public bool TryGet(EventKey key, out string name, out int count)
    {
        if (_events.TryGetValue(key, out var seen))
        {
            (name, count) = seen;
            return true;
        }

        (name, count) = (string.Empty, 0);
        return false;
    }

    public void Set(EventKey key, string name, int count)
    {
        if (!_events.ContainsKey(key))
        {
            _order.Enqueue(key);
            while (_order.Count > Capacity)
            {
                _events.Remove(_order.Dequeue());
            }
        }

        _events[key] = (name, count);
    }
}
