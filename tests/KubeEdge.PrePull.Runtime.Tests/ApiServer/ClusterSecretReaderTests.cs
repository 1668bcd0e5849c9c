using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;
using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Runtime.ApiServer;

namespace KubeEdge.PrePull.Runtime.Tests.ApiServer;

/// <summary>The one secret reader: one <c>get</c> per reference, 404 is "missing", 403 is skipped only in bulk.</summary>
public sealed class ClusterSecretReaderTests
{
    private const string Password = "pr3pull-S3cret-pass";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadAsync_Existing_SnapshotWithDecodedData()
    {
        using var api = new StubSecrets();
        using var client = api.Client();

        var secret = await ClusterSecretReader.ReadAsync(client, SecretReference.Parse("team/harbor"), Ct);

        Assert.NotNull(secret);
        Assert.Equal("team/harbor", secret.Reference);
        Assert.Equal("kubernetes.io/dockerconfigjson", secret.Type);
        Assert.Equal(Password, Encoding.UTF8.GetString(secret.Data["password"]));
        Assert.Equal(["GET /api/v1/namespaces/team/secrets/harbor"], api.Requests);
    }

    [Fact]
    public async Task ReadAsync_Missing_Null()
    {
        using var api = new StubSecrets();
        using var client = api.Client();

        Assert.Null(await ClusterSecretReader.ReadAsync(client, SecretReference.Parse("missing"), Ct));
        Assert.Equal(["GET /api/v1/namespaces/default/secrets/missing"], api.Requests);
    }

    [Theory]
    [InlineData("forbidden", HttpStatusCode.Forbidden)]
    [InlineData("broken", HttpStatusCode.InternalServerError)]
    public async Task ReadAsync_OtherAnswers_Thrown(string name, HttpStatusCode code)
    {
        using var api = new StubSecrets();
        using var client = api.Client();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => ClusterSecretReader.ReadAsync(client, SecretReference.Parse(name), Ct));

        Assert.Equal(code, error.Response.StatusCode);
    }

    [Fact]
    public async Task ReadAllAsync_MissingAndForbidden_LeftOutInReferenceOrder()
    {
        using var api = new StubSecrets();
        using var client = api.Client();
        SecretReference[] references = [SecretReference.Parse("missing"), SecretReference.Parse("team/harbor"), SecretReference.Parse("forbidden"), SecretReference.Parse("other/harbor")];

        var secrets = await ClusterSecretReader.ReadAllAsync(client, references, Ct);

        Assert.Equal(["team/harbor", "other/harbor"], secrets.Select(s => s.Reference));
        Assert.Equal(4, api.Requests.Count);
    }

    [Fact]
    public async Task ReadAllAsync_ServerError_Thrown()
    {
        using var api = new StubSecrets();
        using var client = api.Client();

        await Assert.ThrowsAsync<HttpOperationException>(() => ClusterSecretReader.ReadAllAsync(client, [SecretReference.Parse("team/harbor"), SecretReference.Parse("broken")], Ct));
    }

    [Fact]
    public async Task Reads_NullArguments_ArgumentNullException()
    {
        using var api = new StubSecrets();
        using var client = api.Client();

        await Assert.ThrowsAsync<ArgumentNullException>(() => ClusterSecretReader.ReadAsync(null!, SecretReference.Parse("a"), Ct));
        await Assert.ThrowsAsync<ArgumentNullException>(() => ClusterSecretReader.ReadAsync(client, null!, Ct));
        await Assert.ThrowsAsync<ArgumentNullException>(() => ClusterSecretReader.ReadAllAsync(client, null!, Ct));
        Assert.Empty(api.Requests);
    }

    /// <summary>An API server that knows secrets by name: <c>harbor</c> in any namespace exists; <c>forbidden</c> and <c>broken</c> fail.</summary>
    private sealed class StubSecrets : DelegatingHandler
    {
        public List<string> Requests { get; } = [];

        public Kubernetes Client() => new(new KubernetesClientConfiguration { Host = "http://api.invalid" }, this);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            Requests.Add($"{request.Method} {path}");
            var parts = path.Split('/');
            var (ns, name) = (parts[4], parts[6]);
            var (code, body) = name switch
            {
                "harbor" => (HttpStatusCode.OK, Secret(ns, name)),
                "forbidden" => (HttpStatusCode.Forbidden, Status(403, "Forbidden")),
                "broken" => (HttpStatusCode.InternalServerError, Status(500, "InternalError")),
                _ => (HttpStatusCode.NotFound, Status(404, "NotFound")),
            };
            return Task.FromResult(new HttpResponseMessage(code) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request });
        }

        private static string Secret(string ns, string name) =>
            $$"""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"{{name}}","namespace":"{{ns}}"},"type":"kubernetes.io/dockerconfigjson","data":{"password":"{{Base64(Password)}}"} }""";

        private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

        private static string Status(int code, string reason) =>
            $$"""{"apiVersion":"v1","kind":"Status","status":"Failure","reason":"{{reason}}","code":{{code}}}""";
    }
}
