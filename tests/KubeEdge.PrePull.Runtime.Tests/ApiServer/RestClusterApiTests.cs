using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeEdge.PrePull.Runtime.ApiServer;

namespace KubeEdge.PrePull.Runtime.Tests.ApiServer;

/// <summary>
/// The edge agent's transport (plain HTTP with generated JSON, docs/design.md §3 "The edge agent on a small device")
/// sends the requests KubernetesClient's typed operations send for the same calls, reads the same answers, and
/// throws the same errors, without ever putting a response body into an exception message.
/// </summary>
public sealed class RestClusterApiTests
{
    private const string Password = "pr3pull-S3cret-pass";
    private const string Group = "operations.kubeedge.io";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Transports => ["rest", "typed"];

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ReadNode_SameRequestAndObject(string transport)
    {
        using var stub = new Stub();
        using var client = stub.Client();

        var node = await Api(transport, client).ReadNodeAsync("edge-1", Ct);

        Assert.Equal("edge-1", node.Metadata.Name);
        Assert.Equal("true", node.Metadata.Labels["edge"]);
        Assert.Equal("4", node.Status.Capacity["cpu"].ToString());
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), node.Status.Conditions.Single().LastHeartbeatTime);
        Assert.Equal(["GET /api/v1/nodes/edge-1"], stub.Requests);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Secrets_ReadAndListedBySelectors_SameRequests(string transport)
    {
        using var stub = new Stub();
        using var client = stub.Client();
        var api = Api(transport, client);

        var secret = await api.ReadNamespacedSecretAsync("harbor", "team", Ct);
        var list = await api.ListNamespacedSecretAsync("team", "metadata.name=harbor", "a=b", Ct);

        Assert.Equal(Password, Encoding.UTF8.GetString(secret.Data["password"]));
        Assert.Equal(Password, Encoding.UTF8.GetString(list.Items.Single().Data["password"]));
        Assert.Equal(["GET /api/v1/namespaces/team/secrets/harbor", "GET /api/v1/namespaces/team/secrets?fieldSelector=metadata.name%3Dharbor&labelSelector=a%3Db"], stub.Requests);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task CustomObjects_ListGetAndPatchStatus_SameRequests(string transport)
    {
        using var stub = new Stub();
        using var client = stub.Client();
        var api = Api(transport, client);

        var list = await api.ListClusterCustomObjectsAsync(Group, "v1alpha2", "imageprepulljobs", "token", "a=b", 50, Ct);
        var job = await api.GetClusterCustomObjectAsync(Group, "v1alpha2", "imageprepulljobs", "job-1", Ct);
        await api.PatchClusterCustomObjectStatusAsync(new V1Patch("""[{"op":"test","path":"/status/phase","value":"InProgress"}]""", V1Patch.PatchType.JsonPatch), Group, "v1alpha2", "imageprepulljobs", "job-1", Ct);

        Assert.Equal("7", (string?)list!["metadata"]!["resourceVersion"]);
        Assert.Equal("job-1", (string?)job!["metadata"]!["name"]);
        Assert.Equal(
            [
                "GET /apis/operations.kubeedge.io/v1alpha2/imageprepulljobs?continue=token&labelSelector=a%3Db&limit=50",
                "GET /apis/operations.kubeedge.io/v1alpha2/imageprepulljobs/job-1",
                "PATCH /apis/operations.kubeedge.io/v1alpha2/imageprepulljobs/job-1/status application/json-patch+json [{\"op\":\"test\",\"path\":\"/status/phase\",\"value\":\"InProgress\"}]",
            ],
            stub.Requests);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Watch_EventsInOrder_ErrorStatusToOnError(string transport)
    {
        using var stub = new Stub();
        using var client = stub.Client();
        var errors = new List<Exception>();

        var events = new List<(WatchEventType Type, string? Name)>();
        await foreach (var (type, obj) in Api(transport, client).WatchClusterCustomObjectsAsync(Group, "v1alpha2", "imageprepulljobs", null, "5", errors.Add, Ct))
        {
            events.Add((type, (string?)obj?["metadata"]?["name"]));
        }

        Assert.Equal([(WatchEventType.Added, "job-1"), (WatchEventType.Bookmark, null), (WatchEventType.Deleted, "job-1")], events);
        var gone = Assert.IsType<KubernetesException>(Assert.Single(errors));
        Assert.Equal(410, gone.Status.Code);
        Assert.Single(stub.Requests, r => r.StartsWith("GET /apis/operations.kubeedge.io/v1alpha2/imageprepulljobs?", StringComparison.Ordinal)
            && Query(r) == "allowWatchBookmarks=true&resourceVersion=5&watch=true");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ErrorAnswer_HttpOperationExceptionWithStatus_BodyNeverInMessage(string transport)
    {
        using var stub = new Stub();
        using var client = stub.Client();

        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => Api(transport, client).ReadNamespacedSecretAsync("missing", "team", Ct));
        var broken = await Assert.ThrowsAsync<HttpOperationException>(() => Api(transport, client).ReadNamespacedSecretAsync("broken", "team", Ct));

        Assert.True(ApiErrors.Is(missing, HttpStatusCode.NotFound));
        Assert.True(ApiErrors.IsTransient(broken));
        Assert.DoesNotContain(Password, ApiErrors.Describe(broken), StringComparison.Ordinal);
        if (transport == "rest")
        {
            // KubernetesClient's own message quotes the body; this transport's never does.
            Assert.DoesNotContain(Password, broken.Message, StringComparison.Ordinal);
        }
    }

    private static IClusterApi Api(string transport, Kubernetes client) =>
        transport == "rest" ? new RestClusterApi(ClusterConnection.FromClient(client)) : new KubernetesClientApi(client);

    /// <summary>The query of a logged request with its parameters sorted (the two transports order them differently).</summary>
    private static string Query(string request)
    {
        var query = request[(request.IndexOf('?', StringComparison.Ordinal) + 1)..];
        return string.Join('&', query.Split('&').Order(StringComparer.Ordinal));
    }

    private sealed class Stub : DelegatingHandler
    {
        public List<string> Requests { get; } = [];

        public Kubernetes Client() => new(new KubernetesClientConfiguration { Host = "http://api.invalid" }, this);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            var logged = $"{request.Method} {uri.AbsolutePath}";
            if (uri.Query.Length > 0)
            {
                // KubernetesClient also sends watch=false on a list, the server's default.
                logged += "?" + string.Join('&', uri.Query.TrimStart('?').Split('&').Where(p => p != "watch=false").Order(StringComparer.Ordinal));
            }

            if (request.Content is { } content)
            {
                logged += $" {content.Headers.ContentType?.MediaType} {await content.ReadAsStringAsync(cancellationToken)}";
            }

            Requests.Add(logged);
            var (code, body) = uri.AbsolutePath switch
            {
                "/api/v1/nodes/edge-1" => (HttpStatusCode.OK, Node()),
                "/api/v1/namespaces/team/secrets/harbor" => (HttpStatusCode.OK, Secret()),
                "/api/v1/namespaces/team/secrets" => (HttpStatusCode.OK, $$"""{"apiVersion":"v1","kind":"SecretList","metadata":{"resourceVersion":"3"},"items":[{{Secret()}}]}"""),
                "/api/v1/namespaces/team/secrets/broken" => (HttpStatusCode.InternalServerError, $$"""{"kind":"Status","code":500,"message":"{{Password}}"}"""),
                "/apis/operations.kubeedge.io/v1alpha2/imageprepulljobs" when uri.Query.Contains("watch=true", StringComparison.Ordinal) => (HttpStatusCode.OK, WatchStream()),
                "/apis/operations.kubeedge.io/v1alpha2/imageprepulljobs" => (HttpStatusCode.OK, """{"apiVersion":"operations.kubeedge.io/v1alpha2","kind":"ImagePrePullJobList","metadata":{"resourceVersion":"7"},"items":[]}"""),
                "/apis/operations.kubeedge.io/v1alpha2/imageprepulljobs/job-1" => (HttpStatusCode.OK, Job()),
                "/apis/operations.kubeedge.io/v1alpha2/imageprepulljobs/job-1/status" => (HttpStatusCode.OK, Job()),
                _ => (HttpStatusCode.NotFound, """{"kind":"Status","code":404,"reason":"NotFound"}"""),
            };
            return new HttpResponseMessage(code) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request };
        }

        private static string Node() =>
            """{"apiVersion":"v1","kind":"Node","metadata":{"name":"edge-1","labels":{"edge":"true"}},"status":{"capacity":{"cpu":"4"},"conditions":[{"type":"Ready","status":"True","lastHeartbeatTime":"2026-01-02T03:04:05Z"}]}}""";

        private static string Secret() =>
            $$$"""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"harbor","namespace":"team"},"data":{"password":"{{{Convert.ToBase64String(Encoding.UTF8.GetBytes(Password))}}}"}}""";

        private static string Job() =>
            """{"apiVersion":"operations.kubeedge.io/v1alpha2","kind":"ImagePrePullJob","metadata":{"name":"job-1","resourceVersion":"6"}}""";

        private static string WatchStream() => string.Join(
            '\n',
            $$$"""{"type":"ADDED","object":{{{Job()}}}}""",
            """{"type":"BOOKMARK","object":{"apiVersion":"operations.kubeedge.io/v1alpha2","kind":"ImagePrePullJob","metadata":{"resourceVersion":"8"}}}""",
            """{"type":"ERROR","object":{"apiVersion":"v1","kind":"Status","status":"Failure","reason":"Expired","code":410}}""",
            $$$"""{"type":"DELETED","object":{{{Job()}}}}""") + "\n";
    }
}
