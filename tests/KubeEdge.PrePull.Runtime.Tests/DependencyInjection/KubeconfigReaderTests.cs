using k8s;
using KubeEdge.PrePull.Runtime.DependencyInjection;

namespace KubeEdge.PrePull.Runtime.Tests.DependencyInjection;

/// <summary>The Native AOT agent's kubeconfig reader yields the configuration KubernetesClient's own reader yields.</summary>
public sealed class KubeconfigReaderTests : IDisposable
{
    private const string Kubeconfig = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: other
          cluster:
            server: https://10.0.0.9:6443
        - name: edge
          cluster:
            server: https://127.0.0.1:6443
            insecure-skip-tls-verify: true
            tls-server-name: api.edge.local
        contexts:
        - name: other
          context: {cluster: other, user: other}
        - name: edge
          context:
            cluster: edge
            user: agent
            namespace: kubeedge
        current-context: edge
        users:
        - name: other
          user: {token: not-this-one}
        - name: agent
          user:
            token: agent-token
            username: agent-user
            password: agent-password
        """;

    private readonly string _path = Path.Combine(Path.GetTempPath(), "kubeconfig-" + Guid.NewGuid().ToString("N")[..8]);

    public KubeconfigReaderTests() => File.WriteAllText(_path, Kubeconfig);

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Read_CurrentContext_GivesWhatKubernetesClientsReaderGives()
    {
        var expected = KubernetesClientConfiguration.BuildConfigFromConfigFile(_path);

        var actual = KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigReader.Read(_path));

        Assert.Equal(expected.Host, actual.Host);
        Assert.Equal(expected.AccessToken, actual.AccessToken);
        Assert.Equal(expected.Username, actual.Username);
        Assert.Equal(expected.Password, actual.Password);
        Assert.Equal(expected.Namespace, actual.Namespace);
        Assert.Equal(expected.SkipTlsVerify, actual.SkipTlsVerify);
        Assert.Equal(expected.TlsServerName, actual.TlsServerName);
        Assert.Equal(expected.CurrentContext, actual.CurrentContext);
        Assert.Equal(("https://127.0.0.1:6443", "agent-token", "kubeedge", true), (actual.Host, actual.AccessToken, actual.Namespace, actual.SkipTlsVerify));
    }

    [Fact]
    public void ReadClientConfiguration_CurrentContext_GivesWhatKubernetesClientsReaderGives()
    {
        var expected = KubernetesClientConfiguration.BuildConfigFromConfigFile(_path);

        var actual = KubeconfigReader.ReadClientConfiguration(_path);

        Assert.Equal(
            (expected.Host, expected.AccessToken, expected.Username, expected.Password, expected.Namespace, expected.SkipTlsVerify, expected.TlsServerName),
            (actual.Host, actual.AccessToken, actual.Username, actual.Password, actual.Namespace, actual.SkipTlsVerify, actual.TlsServerName));
        Assert.Equal(("https://127.0.0.1:6443", "agent-token", "kubeedge", true), (actual.Host, actual.AccessToken, actual.Namespace, actual.SkipTlsVerify));
    }

    [Fact]
    public void ReadClientConfiguration_UnknownContext_ThrowsNamingIt()
    {
        File.WriteAllText(_path, Kubeconfig.Replace("current-context: edge", "current-context: nowhere", StringComparison.Ordinal));

        var error = Assert.Throws<k8s.Exceptions.KubeConfigException>(() => KubeconfigReader.ReadClientConfiguration(_path));

        Assert.Contains("no context nowhere", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("exec: {apiVersion: client.authentication.k8s.io/v1, command: /bin/get-token}", "exec plugin (users[].user.exec)")]
    [InlineData("auth-provider: {name: oidc}", "auth-provider plugin (users[].user.auth-provider)")]
    public void ReadClientConfiguration_PluginUser_ThrowsNamingThePlugin(string plugin, string named)
    {
        File.WriteAllText(_path, Kubeconfig.Replace("token: agent-token", plugin, StringComparison.Ordinal));

        var error = Assert.Throws<k8s.Exceptions.KubeConfigException>(() => KubeconfigReader.ReadClientConfiguration(_path));

        Assert.Contains("gives user agent an", error.Message, StringComparison.Ordinal);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("agent-password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotAMapping_ThrowsNamingTheFile()
    {
        File.WriteAllText(_path, "- just\n- a list\n");

        var error = Assert.Throws<k8s.Exceptions.KubeConfigException>(() => KubeconfigReader.Read(_path));

        Assert.Contains(_path, error.Message, StringComparison.Ordinal);
    }
}
