using System.Net;
using System.Net.Sockets;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling.Fixtures;

/// <summary>
/// A "registry" that accepts connections and never answers: a pull from it hangs until the caller gives up, which is
/// how the tests observe timeouts and cancellation in the middle of a real pull.
/// </summary>
public sealed class BlackHoleRegistry : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> held = [];
    private readonly CancellationTokenSource stop = new();

    public BlackHoleRegistry()
    {
        listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public string Host => $"127.0.0.1:{Port}";

    /// <summary>How many connections the runtime opened to it.</summary>
    public int Connections
    {
        get
        {
            lock (held)
            {
                return held.Count;
            }
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        lock (held)
        {
            held.ForEach(s => s.Dispose());
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var socket = await listener.AcceptSocketAsync(stop.Token);
                lock (held)
                {
                    held.Add(socket);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
