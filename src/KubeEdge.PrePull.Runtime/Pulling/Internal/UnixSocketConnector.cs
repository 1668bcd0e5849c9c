using System.Net.Http;
using System.Net.Sockets;

namespace KubeEdge.PrePull.Runtime.Pulling.Internal;

/// <summary>
/// Connects an <see cref="HttpClient"/> (or a gRPC channel) to a Unix domain socket: every HTTP connection the
/// handler opens goes to the socket, whatever host the request names.
/// </summary>
internal static class UnixSocketConnector
{
    /// <summary>A handler whose connections all go to <paramref name="socketPath"/>.</summary>
    /// <param name="socketPath">The socket file.</param>
    /// <returns>The handler; the caller owns it.</returns>
    public static SocketsHttpHandler CreateHandler(string socketPath)
    {
        return new SocketsHttpHandler
        {
            ConnectCallback = (_, cancellationToken) => ConnectAsync(socketPath, cancellationToken),
            // A local daemon: no proxy, and connections may be reused for as long as the daemon lives.
            UseProxy = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        };
    }

    private static async ValueTask<Stream> ConnectAsync(string socketPath, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
