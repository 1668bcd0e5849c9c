using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>Logs of the PodApply backend (event ids 300-349). Only names and API status codes, never secret data.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Created namespace {Namespace} for pull pods")]
    public static partial void NamespaceCreated(ILogger logger, string @namespace);

    [LoggerMessage(EventId = 301, Level = LogLevel.Debug, Message = "Created pull pod {Namespace}/{Pod} on node {Node} for job {Job} with {Images} image(s)")]
    public static partial void PodCreated(ILogger logger, string @namespace, string pod, string node, string job, int images);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Adopted leftover pull pod {Namespace}/{Pod} on node {Node} for job {Job}")]
    public static partial void PodAdopted(ILogger logger, string @namespace, string pod, string node, string job);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Replacing leftover pull pod {Namespace}/{Pod} on node {Node}: it does not match job {Job}'s plan")]
    public static partial void PodReplaced(ILogger logger, string @namespace, string pod, string node, string job);

    [LoggerMessage(EventId = 304, Level = LogLevel.Debug, Message = "Deleted pull pod {Namespace}/{Pod}")]
    public static partial void PodDeleted(ILogger logger, string @namespace, string pod);

    [LoggerMessage(EventId = 305, Level = LogLevel.Debug, Message = "Copied secret {Source} to {Namespace}/{Copy} for node {Node}")]
    public static partial void SecretCopied(ILogger logger, string source, string @namespace, string copy, string node);

    [LoggerMessage(EventId = 306, Level = LogLevel.Warning, Message = "Secret {Source} was not found; the pull pod on node {Node} goes without it")]
    public static partial void SecretSourceMissing(ILogger logger, string source, string node);

    [LoggerMessage(EventId = 307, Level = LogLevel.Debug, Message = "Deleted copied secret {Namespace}/{Copy}")]
    public static partial void SecretDeleted(ILogger logger, string @namespace, string copy);

    [LoggerMessage(EventId = 308, Level = LogLevel.Warning, Message = "Could not delete {Kind} {Namespace}/{Name}: {Error}")]
    public static partial void CleanupFailed(ILogger logger, string kind, string @namespace, string name, string error);

    [LoggerMessage(EventId = 309, Level = LogLevel.Warning, Message = "Watch of pull pods in {Namespace} ({Selector}) failed, relisting: {Error}")]
    public static partial void WatchFailed(ILogger logger, string @namespace, string selector, string error);

    [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "Could not set up the pull pod on node {Node} for job {Job}: {Error}")]
    public static partial void NodeSetupFailed(ILogger logger, string node, string job, string error);

    [LoggerMessage(EventId = 311, Level = LogLevel.Debug, Message = "Node {Node} pulled {Image} ({ImageRef})")]
    public static partial void ImagePulled(ILogger logger, string node, string image, string? imageRef);

    [LoggerMessage(EventId = 312, Level = LogLevel.Information, Message = "Node {Node} failed to pull: {Reason}")]
    public static partial void ImagePullFailed(ILogger logger, string node, string reason);

    [LoggerMessage(EventId = 313, Level = LogLevel.Information, Message = "Removed {Count} leftover object(s) of job {Job} from namespace {Namespace}")]
    public static partial void LeftoversRemoved(ILogger logger, int count, string job, string @namespace);

    // 340-344: the start-up sweep of secret copies (SecretCopySweep); ids from the top of the range, to stay clear of others.
    [LoggerMessage(EventId = 340, Level = LogLevel.Information, Message = "Removed {Count} secret copies left by an earlier controller from namespace {Namespace}")]
    public static partial void CopiesSwept(ILogger logger, int count, string @namespace);

    [LoggerMessage(EventId = 341, Level = LogLevel.Warning, Message = "Could not sweep secret copies left by an earlier controller from namespace {Namespace}: {Error}")]
    public static partial void CopySweepFailed(ILogger logger, string @namespace, string error);

    [LoggerMessage(EventId = 348, Level = LogLevel.Debug, Message = "Left pull {Kind} {Namespace}/{Name} to the new leader: this replica no longer leads")]
    public static partial void ObjectLeft(ILogger logger, string kind, string @namespace, string name);

    [LoggerMessage(EventId = 349, Level = LogLevel.Information, Message = "Job {Job}: this replica no longer leads; its pull pods and secret copies in {Namespace} are left to the new leader")]
    public static partial void LeftToNewLeader(ILogger logger, string job, string @namespace);
}
