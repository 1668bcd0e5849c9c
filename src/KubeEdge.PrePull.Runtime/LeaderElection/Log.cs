using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.LeaderElection;

/// <summary>Log messages of leader election (event ids 150-199).</summary>
internal static partial class Log
{
    /// <summary>The logging category of the Lease elector, so an operator can turn it up without the rest.</summary>
    public const string Category = "KubeEdge.PrePull.Runtime.LeaderElection";

    [LoggerMessage(EventId = 150, Level = LogLevel.Information, Message = "{Identity} became the leader on Lease {Namespace}/{Name}")]
    public static partial void Acquired(ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(EventId = 151, Level = LogLevel.Warning, Message = "{Identity} lost leadership on Lease {Namespace}/{Name}: {Reason}")]
    public static partial void Lost(ILogger logger, string identity, string @namespace, string name, string reason);

    [LoggerMessage(EventId = 152, Level = LogLevel.Information, Message = "{Identity} released Lease {Namespace}/{Name}")]
    public static partial void Released(ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(EventId = 153, Level = LogLevel.Warning, Message = "{Identity} could not read or write Lease {Namespace}/{Name}")]
    public static partial void LeaseCallFailed(ILogger logger, string identity, string @namespace, string name, Exception exception);

    [LoggerMessage(EventId = 154, Level = LogLevel.Information, Message = "Lease {Namespace}/{Name} is held by {Holder}")]
    public static partial void NewLeader(ILogger logger, string @namespace, string name, string holder);

    [LoggerMessage(EventId = 155, Level = LogLevel.Warning, Message = "{Identity} could not release Lease {Namespace}/{Name}; others take over when it expires")]
    public static partial void ReleaseFailed(ILogger logger, string identity, string @namespace, string name, Exception exception);

    [LoggerMessage(EventId = 156, Level = LogLevel.Error, Message = "The work of leader {Identity} failed after leadership ended")]
    public static partial void WorkFailed(ILogger logger, string identity, Exception exception);

    [LoggerMessage(EventId = 157, Level = LogLevel.Information, Message = "Created namespace {Namespace} for Lease {Name}; it did not exist yet")]
    public static partial void NamespaceCreated(ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 158, Level = LogLevel.Warning, Message = "{Identity} may not create namespace {Namespace} for Lease {Name}: create it, grant namespaces/create, or set LeaderElection.LeaseNamespace to an existing namespace")]
    public static partial void NamespaceForbidden(ILogger logger, string identity, string @namespace, string name);
}
