using System.Collections.Concurrent;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>Counts the controller's API requests by verb and resource, as seen on the wire.</summary>
internal sealed class RequestCounter : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Counts => _counts;

    public int Total => _counts.Values.Sum();

    public int Count(string key) => _counts.GetValueOrDefault(key);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _counts.AddOrUpdate(Key(request), 1, (_, n) => n + 1);
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>E.g. <c>PATCH imageprepulljobs/status</c>, <c>WATCH pods</c>, <c>POST pods</c>.</summary>
    private static string Key(HttpRequestMessage request)
    {
        var segments = request.RequestUri!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var watch = request.RequestUri.Query.Contains("watch=true", StringComparison.Ordinal);

        // .../namespaces/{ns}/{resource}[/{name}[/{sub}]] or .../{resource}[/{name}[/{sub}]] after the group/version.
        var start = segments[0] == "api" ? 2 : 3;
        var rest = segments.Skip(start).ToArray();
        if (rest.Length >= 2 && rest[0] == "namespaces" && rest.Length > 2)
        {
            rest = rest[2..];
        }

        var resource = rest.Length switch
        {
            0 => "?",
            3 => rest[0] + "/" + rest[2],
            _ => rest[0],
        };
        return (watch ? "WATCH" : request.Method.Method) + " " + resource;
    }
}
