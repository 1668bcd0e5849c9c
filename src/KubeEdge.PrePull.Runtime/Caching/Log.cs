using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Caching;

/// <summary>Log messages of the caches (event ids 100-149). They name resources and versions, never object contents.</summary>
internal static partial class Log
{
    /// <summary>The logging category of the caches, so an operator can turn them up without the rest.</summary>
    public const string Category = "KubeEdge.PrePull.Runtime.Caching";

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Cache of {Resource} synced: {Count} objects at resourceVersion {ResourceVersion}")]
    public static partial void Synced(ILogger logger, string resource, int count, string resourceVersion);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Cache of {Resource} relisted at resourceVersion {ResourceVersion}: {Added} added, {Updated} updated, {Deleted} deleted")]
    public static partial void Relisted(ILogger logger, string resource, string resourceVersion, int added, int updated, int deleted);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Watch of {Resource} closed by the server at resourceVersion {ResourceVersion}; watching again")]
    public static partial void WatchClosed(ILogger logger, string resource, string? resourceVersion);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Watch of {Resource}: resourceVersion {ResourceVersion} expired (410 Gone); relisting")]
    public static partial void Expired(ILogger logger, string resource, string? resourceVersion);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "List/watch of {Resource} failed ({Failures} in a row); retrying in {Delay}")]
    public static partial void ListWatchFailed(ILogger logger, string resource, int failures, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 105, Level = LogLevel.Debug, Message = "Cache of {Resource} stopped")]
    public static partial void Stopped(ILogger logger, string resource);

    // Once per fault of an object (docs/design.md §2, Unreadable jobs): the path and the problem name types and
    // numbers, never string values.
    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "Cannot read {Resource} {Name} at resourceVersion {ResourceVersion}: {Field}: {Problem}; it is left out until it is fixed or deleted")]
    public static partial void Unreadable(ILogger logger, string resource, string name, string? resourceVersion, string field, string problem);

    [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "{Resource} {Name} can be read again at resourceVersion {ResourceVersion}")]
    public static partial void ReadableAgain(ILogger logger, string resource, string name, string? resourceVersion);

    [LoggerMessage(EventId = 108, Level = LogLevel.Warning, Message = "Cannot read an object of {Resource} without a name at resourceVersion {ResourceVersion}: {Problem}; it is left out")]
    public static partial void NamelessUnreadable(ILogger logger, string resource, string? resourceVersion, string problem);
}
