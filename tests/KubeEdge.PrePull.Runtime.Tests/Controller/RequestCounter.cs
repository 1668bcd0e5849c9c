using System.Collections.Concurrent;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// Sits in the controller's Kubernetes client and counts each request by verb and resource, as seen on the wire.
/// Shared with the fleet scaling report in benchmarks/ (linked there), so both count the same way.
/// </summary>
internal sealed class RequestCounter : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Requests so far by kind, e.g. <c>POST pods</c>, <c>WATCH pods</c>, <c>PATCH imageprepulljobs/status</c>.</summary>
    public IReadOnlyDictionary<string, int> Counts => _counts;

    public int Total => _counts.Values.Sum();

    /// <summary>Writes of a job's status subresource (merge patches, or replaces).</summary>
    public int StatusWrites => Count("PATCH imageprepulljobs/status") + Count("PUT imageprepulljobs/status");

    public int Count(string key) => _counts.GetValueOrDefault(key);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _counts.AddOrUpdate(Key(request), 1, static (_, n) => n + 1);
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// The verb (WATCH for watch=true), then the resource after the group/version with namespace and object name
    /// dropped, then any subresource.
    /// </summary>
    private static string Key(HttpRequestMessage request)
    {
        var uri = request.RequestUri!;
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);

        // /api/v1/... has two leading segments, /apis/group/version/... three.
        var path = segments.AsSpan(segments.Length > 0 && segments[0] == "api" ? 2 : 3);
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
