using System.Text;
using k8s.Models;
using KubeEdge.PrePull.Credentials;

namespace KubeEdge.PrePull.Tests.Credentials;

public sealed class SecretSnapshotTests
{
    [Theory]
    [InlineData("team", "team")]
    [InlineData(null, "default")]
    [InlineData("", "default")]
    public void FromV1_Secret_KeepsNamespaceNameTypeAndData(string? ns, string expectedNamespace)
    {
        var data = new Dictionary<string, byte[]> { [".dockerconfigjson"] = Encoding.UTF8.GetBytes("{}") };
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "harbor", NamespaceProperty = ns },
            Type = "kubernetes.io/dockerconfigjson",
            Data = data,
        };

        var snapshot = SecretSnapshot.FromV1(secret);

        Assert.Equal(expectedNamespace, snapshot.Namespace);
        Assert.Equal("harbor", snapshot.Name);
        Assert.Equal("kubernetes.io/dockerconfigjson", snapshot.Type);
        Assert.Equal(expectedNamespace + "/harbor", snapshot.Reference);
        Assert.Equal("{}", Encoding.UTF8.GetString(snapshot.Data[".dockerconfigjson"]));

        // The snapshot keeps its own dictionary: a later change to the object does not show through.
        data["other"] = [1];
        Assert.False(snapshot.Data.ContainsKey("other"));
    }

    [Fact]
    public void FromV1_NoDataNoType_EmptyDataNullType()
    {
        var snapshot = SecretSnapshot.FromV1(new V1Secret { Metadata = new V1ObjectMeta { Name = "empty", NamespaceProperty = "default" } });

        Assert.Empty(snapshot.Data);
        Assert.Null(snapshot.Type);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FromV1_NoName_ArgumentException(bool withMetadata)
    {
        var secret = new V1Secret { Metadata = withMetadata ? new V1ObjectMeta() : null };

        var error = Assert.Throws<ArgumentException>(() => SecretSnapshot.FromV1(secret));

        Assert.Equal("secret", error.ParamName);
    }

    [Fact]
    public void FromV1_Null_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => SecretSnapshot.FromV1(null!));
    }
}
