using System.Text;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Testing.Tests;

/// <summary>Secrets written with <c>stringData</c> read back as kube-apiserver returns them.</summary>
public sealed class SecretStringDataTests
{
    [Fact]
    public async Task Create_StringData_IsStoredInDataAndNotReturned()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await ApiServerFixture.StartAsync();
        var client = cluster.Client;
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "regcred" },
            Type = "kubernetes.io/dockerconfigjson",
            Data = new Dictionary<string, byte[]> { ["kept"] = "k"u8.ToArray(), [".dockerconfigjson"] = "old"u8.ToArray() },
            StringData = new Dictionary<string, string> { [".dockerconfigjson"] = """{"auths":{}}""" },
        };

        await client.CoreV1.CreateNamespacedSecretAsync(secret, "default", cancellationToken: ct);
        var read = await client.CoreV1.ReadNamespacedSecretAsync("regcred", "default", cancellationToken: ct);

        Assert.Null(read.StringData);
        Assert.Equal("""{"auths":{}}""", Encoding.UTF8.GetString(read.Data[".dockerconfigjson"]));
        Assert.Equal("k", Encoding.UTF8.GetString(read.Data["kept"]));
    }
}
