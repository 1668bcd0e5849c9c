using System.Net;
using System.Net.Sockets;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling.Fixtures;

/// <summary>
/// A "registry" that accepts connections and never answers: a pull from it hangs until the caller gives up, which is
/// how the tests observe timeouts and cancellation in the middle of a real pull.
/// </summary>
public sealed class BlackHoleRegistry : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _held = [];
    private readonly CancellationTokenSource _stop = new();

    public BlackHoleRegistry()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Host => $"127.0.0.1:{Port}";

    /// <summary>How many connections the runtime opened to it.</summary>
    public int Connections
    {
        get
        {
            lock (_held)
            {
                return _held.Count;
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_held)
        {
            _held.ForEach(s => s.Dispose());
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                lock (_held)
                {
                    _held.Add(socket);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
