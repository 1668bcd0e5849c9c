using System.Net;
using System.Net.Sockets;

namespace KubeEdge.PrePull.Testing.Processes;

/// <summary>A loopback port nobody listens on right now (the OS picks it, so parallel runs do not collide).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
