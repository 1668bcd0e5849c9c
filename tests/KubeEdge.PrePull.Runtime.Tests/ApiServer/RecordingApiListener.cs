using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace KubeEdge.PrePull.Runtime.Tests.ApiServer;

/// <summary>
/// A minimal HTTP/1.1 server on loopback, plain or TLS (optionally asking for a client certificate), that records
/// what authenticates each request (Authorization and Host headers, the SNI name, the client certificate) and answers
/// every request with one status and body, closing the connection. The embedded API server neither checks
/// credentials nor serves TLS; this is what tests of the connection's authentication talk to.
/// </summary>
internal sealed class RecordingApiListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2? _certificate;
    private readonly bool _askClientCertificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public RecordingApiListener(X509Certificate2? certificate = null, bool askClientCertificate = false)
    {
        _certificate = certificate;
        _askClientCertificate = askClientCertificate;
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>The answer to every request.</summary>
    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    /// <summary>The body of every answer.</summary>
    public string Body { get; set; } = """{"apiVersion":"v1","kind":"Node","metadata":{"name":"edge-1"}}""";

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ConcurrentQueue<Request> Requests { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                Stream stream = client.GetStream();
                string? sni = null;
                string? clientSubject = null;
                if (_certificate is not null)
                {
                    var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                    await ssl.AuthenticateAsServerAsync(
                        new SslServerAuthenticationOptions
                        {
                            ServerCertificate = _certificate,
                            ClientCertificateRequired = _askClientCertificate,
                            // The test's client certificate is issued by the test's CA; here only whether one came matters.
                            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null || !_askClientCertificate,
                        },
                        _stop.Token);
                    sni = ssl.TargetHostName;
                    clientSubject = ssl.RemoteCertificate?.Subject;
                    stream = ssl;
                }

                await using (stream)
                {
                    var head = await ReadHeadAsync(stream);
                    if (head.Length == 0)
                    {
                        // The client closed without a request (it refused the server's certificate after the handshake).
                        return;
                    }

                    var headers = head.Split("\r\n").Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
                        .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
                    Requests.Enqueue(new Request(head.Split("\r\n")[0], headers.GetValueOrDefault("Authorization"), headers.GetValueOrDefault("Host"), sni, clientSubject));
                    var body = Encoding.UTF8.GetBytes(Body);
                    var answer = $"HTTP/1.1 {(int)Status} {Status}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(answer), _stop.Token);
                    await stream.WriteAsync(body, _stop.Token);
                    await stream.FlushAsync(_stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException or ObjectDisposedException)
            {
                // The client refused the server (a test of a failed TLS check) or went away.
            }
        }
    }

    /// <summary>The request line and headers (the requests under test have no body).</summary>
    private async Task<string> ReadHeadAsync(Stream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer, _stop.Token) == 1)
        {
            head.Append((char)buffer[0]);
        }

        return head.ToString();
    }

    /// <summary>What one request carried.</summary>
    public sealed record Request(string Line, string? Authorization, string? Host, string? ServerName, string? ClientCertificateSubject);
}
