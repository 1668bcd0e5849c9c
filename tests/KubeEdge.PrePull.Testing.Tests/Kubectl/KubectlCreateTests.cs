using k8s;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Testing.Tests.Kubectl;

/// <summary>kubectl's typed create commands send protobuf bodies; the embedded server reads those it needs.</summary>
public sealed class KubectlCreateTests : KubectlTests
{
    [Fact]
    public async Task CreateNamespace_ProtobufBody_CreatesAnActiveNamespace()
    {
        var (code, output, error) = await _kubectl.RunAsync("create", "namespace", "team-a");

        Assert.True(code == 0, error);
        Assert.Contains("namespace/team-a created", output, StringComparison.Ordinal);
        var created = await _client.CoreV1.ReadNamespaceAsync("team-a", cancellationToken: Ct);
        Assert.Equal("Active", created.Status?.Phase);
    }

    [Fact]
    public async Task CreateSecretGeneric_ProtobufBody_StoresTypeAndData()
    {
        var (code, output, error) = await _kubectl.RunAsync("create", "secret", "generic", "creds", "-n", "default", "--from-literal=user=bob", "--from-literal=password=s3cr3t-value");

        Assert.True(code == 0, error);
        Assert.Contains("secret/creds created", output, StringComparison.Ordinal);
        var secret = await _client.CoreV1.ReadNamespacedSecretAsync("creds", "default", cancellationToken: Ct);
        Assert.Equal("Opaque", secret.Type);
        Assert.Equal("bob", System.Text.Encoding.UTF8.GetString(secret.Data["user"]));
        Assert.Equal("s3cr3t-value", System.Text.Encoding.UTF8.GetString(secret.Data["password"]));
    }

    [Fact]
    public async Task CreateSecretDockerRegistry_ProtobufBody_StoresTheDockerConfig()
    {
        var (code, _, error) = await _kubectl.RunAsync("create", "secret", "docker-registry", "regcred", "-n", "default", "--docker-server=harbor.example.com", "--docker-username=robot", "--docker-password=pw-value");

        Assert.True(code == 0, error);
        var secret = await _client.CoreV1.ReadNamespacedSecretAsync("regcred", "default", cancellationToken: Ct);
        Assert.Equal("kubernetes.io/dockerconfigjson", secret.Type);
        Assert.Contains("harbor.example.com", System.Text.Encoding.UTF8.GetString(secret.Data[".dockerconfigjson"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateSecret_ExistingName_ReportsAlreadyExistsWithoutTheValue()
    {
        Assert.Equal(0, (await _kubectl.RunAsync("create", "secret", "generic", "creds", "-n", "default", "--from-literal=password=first-value")).Code);

        var (code, output, error) = await _kubectl.RunAsync("create", "secret", "generic", "creds", "-n", "default", "--from-literal=password=second-value");

        Assert.NotEqual(0, code);
        Assert.Contains("secrets \"creds\" already exists", error, StringComparison.Ordinal);
        Assert.DoesNotContain("second-value", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ProtobufOfAnotherKind_Is415WithAStatusNamingTheMediaType()
    {
        // What a typed client sends for a ConfigMap: the k8s envelope, TypeMeta v1/ConfigMap, and the raw object.
        byte[] body = [.. "k8s\0"u8, 0x0a, 0x0f, 0x0a, 0x02, .. "v1"u8, 0x12, 0x09, .. "ConfigMap"u8, 0x12, 0x06, 0x0a, 0x04, 0x0a, 0x02, .. "cm"u8];
        using var http = new HttpClient { BaseAddress = _server.Uri };
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.kubernetes.protobuf");

        using var response = await http.PostAsync(new Uri("api/v1/namespaces/default/secrets", UriKind.Relative), content, Ct);

        Assert.Equal(System.Net.HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var status = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("Status", (string?)status["kind"]);
        Assert.Equal("UnsupportedMediaType", (string?)status["reason"]);
        Assert.Equal(415, (int?)status["code"]);
        Assert.Contains("application/vnd.kubernetes.protobuf only for v1 Namespace and Secret, not v1/ConfigMap", (string?)status["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x6b, 0x38, 0x73, 0x00, 0x0a, 0x7f })]
    [InlineData(new byte[] { 0x01, 0x02 })]
    public async Task Create_MalformedProtobuf_Is400(byte[] body)
    {
        using var http = new HttpClient { BaseAddress = _server.Uri };
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.kubernetes.protobuf");

        using var response = await http.PostAsync(new Uri("api/v1/namespaces", UriKind.Relative), content, Ct);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }
}
