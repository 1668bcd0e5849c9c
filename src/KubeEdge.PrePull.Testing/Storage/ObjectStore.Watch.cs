using System.Globalization;
using KubeEdge.PrePull.Testing.Resources;

namespace KubeEdge.PrePull.Testing.Storage;

/// <summary>The watch side of the store: opening feeds, bookmarks and closing them.</summary>
internal sealed partial class ObjectStore
{
    /// <summary>Opens a watch.</summary>
    /// <param name="type">The resource.</param>
    /// <param name="ns">Namespace, or <see langword="null"/> for all.</param>
    /// <param name="fromVersion">Resume after this resourceVersion; <see langword="null"/> or 0 starts with the current objects as ADDED.</param>
    /// <param name="isInternal">Whether the server itself watches (see <see cref="WatchSubscription.IsInternal"/>).</param>
    /// <param name="route">What the watch's selectors require, so only events that can match reach it (see <see cref="WatchIndex"/>).</param>
    /// <returns>The events to replay, then the live subscription.</returns>
    /// <exception cref="ApiException">410 when <paramref name="fromVersion"/> is older than the retained history.</exception>
    public (IReadOnlyList<StoredEvent> Replay, WatchSubscription Subscription) Watch(ResourceType type, string? ns, long? fromVersion, bool isInternal = false, WatchRoute? route = null)
    {
        lock (_gate)
        {
            var bucket = Bucket(type);
            IReadOnlyList<StoredEvent> replay;
            if (fromVersion is null or 0)
            {
                var prefix = ns is null ? null : ns + "/";
                replay = bucket.Objects
                    .Where(p => prefix is null || p.Key.StartsWith(prefix, StringComparison.Ordinal))
                    .Select(p => new StoredEvent(StoredEvent.Added, long.Parse((string)p.Value["metadata"]!["resourceVersion"]!, CultureInfo.InvariantCulture), p.Value, null))
                    .ToArray();
            }
            else
            {
                bucket.Expire(_time.GetUtcNow());
                if (fromVersion < bucket.CompactedThrough)
                {
                    throw ApiException.Expired($"too old resource version: {fromVersion} ({bucket.CompactedThrough + 1})");
                }

                replay = bucket.EventsAfter(fromVersion.Value).Where(e => ns is null || (string?)e.Object["metadata"]!["namespace"] == ns).ToArray();
            }

            var subscription = new WatchSubscription(ns, s => Unsubscribe(bucket, s), route) { IsInternal = isInternal };
            bucket.AddWatcher(subscription);
            return (replay, subscription);
        }
    }

    /// <summary>The resourceVersion a bookmark may announce to a watch that has delivered everything queued.</summary>
    /// <param name="subscription">The watch.</param>
    /// <param name="lastSeen">The last resourceVersion it delivered or skipped.</param>
    /// <returns>The version all changes up to which the watch has seen.</returns>
    public long BookmarkVersion(WatchSubscription subscription, long lastSeen)
    {
        lock (_gate)
        {
            return subscription.Events.Count == 0 ? Math.Max(lastSeen, _resourceVersion) : lastSeen;
        }
    }

    /// <summary>Ends the live watches of one resource (all versions), or of every resource.</summary>
    /// <param name="type">The resource, or <see langword="null"/> for all.</param>
    /// <param name="includeInternal">Whether the server's own watches end too (only when the server stops).</param>
    public void CloseWatches(ResourceType? type, bool includeInternal = false)
    {
        lock (_gate)
        {
            foreach (var bucket in type is null ? _buckets.Values.ToArray() : [Bucket(type)])
            {
                bucket.CloseWatchers(includeInternal);
            }
        }
    }

    private void Unsubscribe(ResourceBucket bucket, WatchSubscription subscription)
    {
        lock (_gate)
        {
            bucket.RemoveWatcher(subscription);
        }
    }
}
