using System.Collections.Concurrent;

namespace KubeEdge.PrePull.Benchmarks.Scaling;

/// <summary>Sits in the controller's Kubernetes client and counts each request by verb and resource.</summary>
internal sealed class WireCounter : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, int> _byKind = new(StringComparer.Ordinal);

    public WireReading Read()
    {
        var snapshot = new Dictionary<string, int>(_byKind, StringComparer.Ordinal);
        var statusWrites = snapshot.Where(p => p.Key is "PATCH imageprepulljobs/status" or "PUT imageprepulljobs/status").Sum(p => p.Value);
        return new WireReading(snapshot.Values.Sum(), statusWrites, snapshot);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _byKind.AddOrUpdate(Describe(request), 1, static (_, n) => n + 1);
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// <c>GET nodes</c>, <c>WATCH pods</c>, <c>PATCH imageprepulljobs/status</c>: the verb (WATCH for watch=true), then
    /// the resource after the group/version with namespace and object name dropped, then any subresource.
    /// </summary>
    private static string Describe(HttpRequestMessage request)
    {
        var uri = request.RequestUri!;
        var parts = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);

        // /api/v1/... has two leading segments, /apis/group/version/... three.
        var path = parts.AsSpan(parts.Length > 0 && parts[0] == "api" ? 2 : 3);
        if (path.Length > 2 && path[0] == "namespaces")
        {
            path = path[2..];
        }

        var resource = path.Length switch
        {
            0 => "(root)",
            >= 3 => path[0] + "/" + path[2],
            _ => path[0],
        };
        var verb = uri.Query.Contains("watch=true", StringComparison.Ordinal) ? "WATCH" : request.Method.Method;
        return verb + " " + resource;
    }
}
