using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Authentication;
using k8s.Autorest;
using k8s.Exceptions;
using KubeEdge.PrePull.Runtime.ApiServer;

namespace KubeEdge.PrePull.Runtime.Tests.ApiServer;

/// <summary>
/// The edge agent's connection made from a client configuration, without a <see cref="Kubernetes"/> client
/// (docs/design.md §3 "The edge agent on a small device"): the credentials and TLS settings reach the server as
/// KubernetesClient's client would send them, and no secret ends up in an error.
/// </summary>
public sealed class ClusterConnectionTests : IDisposable
{
    private const string Token = "s3cr3t-bearer-token-4711";
    private const string Password = "s3cr3t-password-0815";
    private readonly TestCertificates _certificates = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("prepull-connection-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _certificates.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task FromConfiguration_AccessToken_SentAsBearer()
    {
        await using var server = new RecordingApiListener();

        var node = await ReadNodeAsync(new KubernetesClientConfiguration { Host = $"http://127.0.0.1:{server.Port}", AccessToken = Token });

        Assert.Equal("edge-1", node.Metadata.Name);
        var request = Assert.Single(server.Requests);
        Assert.Equal("GET /api/v1/nodes/edge-1 HTTP/1.1", request.Line);
        Assert.Equal("Bearer " + Token, request.Authorization);
    }

    [Fact]
    public async Task FromConfiguration_TokenFile_ReadForTheFirstRequest()
    {
        await using var server = new RecordingApiListener();
        var file = Path.Combine(_directory, "token");
        await File.WriteAllTextAsync(file, Token + "\n", Ct);

        await ReadNodeAsync(new KubernetesClientConfiguration { Host = $"http://127.0.0.1:{server.Port}", TokenProvider = new TokenFileAuth(file) });

        Assert.Equal("Bearer " + Token, Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public async Task FromConfiguration_TokenProvider_AskedForEveryRequestSoARotatedTokenIsSentNext()
    {
        // The in-cluster provider (TokenFileAuth) re-reads the service-account token as it rotates; the connection
        // must ask it on every request rather than keep the first header.
        await using var server = new RecordingApiListener();
        var file = Path.Combine(_directory, "token");
        await File.WriteAllTextAsync(file, "token-1", Ct);
        using var connection = ClusterConnection.FromConfiguration(
            new KubernetesClientConfiguration { Host = $"http://127.0.0.1:{server.Port}", TokenProvider = new FileEveryTime(file) });
        var api = new RestClusterApi(connection);

        await api.ReadNodeAsync("edge-1", Ct);
        await File.WriteAllTextAsync(file, "token-2", Ct);
        await api.ReadNodeAsync("edge-1", Ct);

        Assert.Equal(["Bearer token-1", "Bearer token-2"], server.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task FromConfiguration_UserNameAndPassword_SentAsBasic()
    {
        await using var server = new RecordingApiListener();

        await ReadNodeAsync(new KubernetesClientConfiguration { Host = $"http://127.0.0.1:{server.Port}", Username = "agent", Password = Password });

        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("agent:" + Password)), Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public async Task FromConfiguration_ServerCaAndClientCertificateData_ServerTrustedAndCertificateSent()
    {
        using var serverCertificate = _certificates.Server();
        await using var server = new RecordingApiListener(serverCertificate, askClientCertificate: true);
        var (client, certificatePem, keyPem) = _certificates.Client("CN=edge-agent");
        client.Dispose();

        await ReadNodeAsync(new KubernetesClientConfiguration
        {
            Host = $"https://127.0.0.1:{server.Port}",
            SslCaCerts = [X509CertificateLoader.LoadCertificate(_certificates.Authority.RawData)],
            ClientCertificateData = Base64(certificatePem),
            ClientCertificateKeyData = Base64(keyPem),
        });

        Assert.Equal("CN=edge-agent", Assert.Single(server.Requests).ClientCertificateSubject);
    }

    [Fact]
    public async Task FromConfiguration_ClientCertificateFiles_CertificateSent()
    {
        using var serverCertificate = _certificates.Server();
        await using var server = new RecordingApiListener(serverCertificate, askClientCertificate: true);
        var (client, certificatePem, keyPem) = _certificates.Client("CN=edge-agent-files");
        client.Dispose();
        var certificateFile = Path.Combine(_directory, "client.crt");
        var keyFile = Path.Combine(_directory, "client.key");
        await File.WriteAllTextAsync(certificateFile, certificatePem, Ct);
        await File.WriteAllTextAsync(keyFile, keyPem, Ct);

        await ReadNodeAsync(new KubernetesClientConfiguration
        {
            Host = $"https://127.0.0.1:{server.Port}",
            SslCaCerts = [X509CertificateLoader.LoadCertificate(_certificates.Authority.RawData)],
            ClientCertificateFilePath = certificateFile,
            ClientKeyFilePath = keyFile,
        });

        Assert.Equal("CN=edge-agent-files", Assert.Single(server.Requests).ClientCertificateSubject);
    }

    [Fact]
    public async Task FromConfiguration_ServerNotIssuedByTheCa_Refused()
    {
        using var other = new TestCertificates();
        using var serverCertificate = other.Server();
        await using var server = new RecordingApiListener(serverCertificate);

        await Assert.ThrowsAsync<HttpRequestException>(() => ReadNodeAsync(new KubernetesClientConfiguration
        {
            Host = $"https://127.0.0.1:{server.Port}",
            SslCaCerts = [X509CertificateLoader.LoadCertificate(_certificates.Authority.RawData)],
        }));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task FromConfiguration_SkipTlsVerify_AnyServerAccepted()
    {
        using var other = new TestCertificates();
        using var serverCertificate = other.Server();
        await using var server = new RecordingApiListener(serverCertificate);

        await ReadNodeAsync(new KubernetesClientConfiguration { Host = $"https://127.0.0.1:{server.Port}", SkipTlsVerify = true, AccessToken = Token });

        Assert.Equal("Bearer " + Token, Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public async Task FromConfiguration_TlsServerName_CheckedAgainstTheCertificateAndSentAsHost()
    {
        // The certificate names only api.cluster.test, not the address the kubeconfig's server uses.
        using var serverCertificate = _certificates.Server("api.cluster.test", withLoopbackAddress: false);
        await using var server = new RecordingApiListener(serverCertificate);
        var configuration = new KubernetesClientConfiguration
        {
            Host = $"https://127.0.0.1:{server.Port}",
            SslCaCerts = [X509CertificateLoader.LoadCertificate(_certificates.Authority.RawData)],
        };
        await Assert.ThrowsAsync<HttpRequestException>(() => ReadNodeAsync(configuration));

        configuration.TlsServerName = "api.cluster.test";
        await ReadNodeAsync(configuration);

        var request = Assert.Single(server.Requests);
        Assert.Equal("api.cluster.test", request.ServerName);
        Assert.Equal("api.cluster.test", request.Host);
    }

    [Fact]
    public async Task FromConfiguration_ErrorAnswerEchoingTheToken_TokenNeverInTheError()
    {
        await using var server = new RecordingApiListener { Status = HttpStatusCode.Unauthorized, Body = $$"""{"kind":"Status","code":401,"message":"bad token {{Token}}"}""" };

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => ReadNodeAsync(new KubernetesClientConfiguration { Host = $"http://127.0.0.1:{server.Port}", AccessToken = Token }));

        Assert.True(ApiErrors.Is(error, HttpStatusCode.Unauthorized));
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, ApiErrors.Describe(error), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadSettings => new()
    {
        { "no-host", "Host" },
        { "bad-host", "Host" },
        { "certificate-without-key", "ClientCertificateKeyData or ClientKeyFilePath" },
        { "key-without-certificate", "ClientCertificateData or ClientCertificateFilePath" },
        { "unreadable-key", "client certificate or key" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void FromConfiguration_BadSetting_ErrorNamesTheSettingNeverASecret(string setting, string named)
    {
        var configuration = new KubernetesClientConfiguration { Host = "https://127.0.0.1:6443", AccessToken = Token, Username = "agent", Password = Password };
        switch (setting)
        {
            case "no-host":
                configuration.Host = null;
                break;
            case "bad-host":
                configuration.Host = "ftp://" + Token + "@api";
                break;
            case "certificate-without-key":
                configuration.ClientCertificateData = Base64(Token);
                break;
            case "key-without-certificate":
                configuration.ClientCertificateKeyData = Base64(Token);
                break;
            default:
                configuration.ClientCertificateData = Base64("-----BEGIN CERTIFICATE-----\n" + Token + "\n-----END CERTIFICATE-----\n");
                configuration.ClientCertificateKeyData = Base64("-----BEGIN PRIVATE KEY-----\n" + Password + "\n-----END PRIVATE KEY-----\n");
                break;
        }

        var error = Assert.Throws<KubeConfigException>(() => ClusterConnection.FromConfiguration(configuration));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static async Task<k8s.Models.V1Node> ReadNodeAsync(KubernetesClientConfiguration configuration)
    {
        using var connection = ClusterConnection.FromConfiguration(configuration);
        return await new RestClusterApi(connection).ReadNodeAsync("edge-1", Ct);
    }

    /// <summary>A token provider that reads its file on every call (the rotation case without TokenFileAuth's one-minute cache).</summary>
    private sealed class FileEveryTime(string path) : ITokenProvider
    {
        public async Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken) =>
            new("Bearer", (await File.ReadAllTextAsync(path, cancellationToken)).Trim());
    }
}
