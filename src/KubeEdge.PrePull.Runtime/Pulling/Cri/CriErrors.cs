using Grpc.Core;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Pulling.Internal;

namespace KubeEdge.PrePull.Runtime.Pulling.Cri;

/// <summary>Maps the gRPC errors of a CRI runtime to failure kinds and to plain words.</summary>
internal static class CriErrors
{
    /// <summary>Whether the error means the runtime itself could not be reached (rather than the registry).</summary>
    public static bool IsRuntimeUnreachable(RpcException exception) => exception.StatusCode == StatusCode.Unavailable;

    /// <summary>The failure kind of a failed <c>PullImage</c>.</summary>
    public static PullFailureKind Classify(RpcException exception) => exception.StatusCode switch
    {
        StatusCode.Unavailable => PullFailureKind.RuntimeUnreachable,
        StatusCode.DeadlineExceeded => PullFailureKind.Timeout,
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => PullFailureKind.Unauthorized,
        _ => RegistryErrorText.Classify(exception.Status.Detail) is var kind && kind != PullFailureKind.Other
            ? kind
            : exception.StatusCode == StatusCode.NotFound ? PullFailureKind.NotFound : PullFailureKind.Other,
    };

    /// <summary>What went wrong, in the runtime's words.</summary>
    public static string Detail(RpcException exception) =>
        $"{exception.Status.Detail} (CRI status {exception.StatusCode})";

    /// <summary>Why the runtime at <paramref name="socketPath"/> cannot be used.</summary>
    public static string Unreachable(string socketPath, Exception exception)
    {
        if (!File.Exists(socketPath) && !Directory.Exists(Path.GetDirectoryName(socketPath)))
        {
            return $"the CRI socket {socketPath} does not exist (its directory is missing): is the runtime installed and running?";
        }

        if (!File.Exists(socketPath))
        {
            return $"the CRI socket {socketPath} does not exist: is the runtime (containerd, CRI-O) running?";
        }

        return exception is RpcException { StatusCode: StatusCode.Unimplemented }
            ? $"the runtime at {socketPath} does not serve the CRI API runtime.v1 (is its CRI plugin disabled, e.g. disabled_plugins = [\"cri\"]?)"
            : $"the runtime at {socketPath} could not be reached or did not answer as a CRI v1 runtime: {Message(exception)}";
    }

    private static string Message(Exception exception) => exception is RpcException rpc
        ? $"{rpc.Status.Detail} ({rpc.StatusCode})"
        : exception.Message;
}
