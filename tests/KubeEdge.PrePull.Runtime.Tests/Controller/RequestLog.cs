using System.Collections.Concurrent;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>Sits in a host's Kubernetes client and keeps every request line (<c>GET /api/v1/...?query</c>) as sent.</summary>
internal sealed class RequestLog : DelegatingHandler
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _lines.Enqueue(request.Method.Method + " " + Uri.UnescapeDataString(request.RequestUri!.PathAndQuery));
        return base.SendAsync(request, cancellationToken);
    }
}
