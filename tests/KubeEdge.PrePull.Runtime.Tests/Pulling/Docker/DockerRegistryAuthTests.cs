using System.Text;
using System.Text.Json;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Pulling.Docker;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling.Docker;

public sealed class DockerRegistryAuthTests
{
    [Fact]
    public void Encode_Credential_IsBase64UrlOfEngineAuthConfig()
    {
        // '?' characters make the standard base64 of this JSON contain '/' or '+', which base64url must not.
        var credential = new PullCredential("default/s", "registry.example:5000", "user???", "pa>>ss???");

        var header = DockerRegistryAuth.Encode(credential);

        Assert.DoesNotContain('+', header);
        Assert.DoesNotContain('/', header);
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(header.Replace('-', '+').Replace('_', '/')));
        using var document = JsonDocument.Parse(json);
        Assert.Equal("user???", document.RootElement.GetProperty("username").GetString());
        Assert.Equal("pa>>ss???", document.RootElement.GetProperty("password").GetString());
        Assert.Equal("registry.example:5000", document.RootElement.GetProperty("serveraddress").GetString());
        Assert.False(document.RootElement.TryGetProperty("identitytoken", out _));
    }

    [Theory]
    [InlineData("nginx", "nginx", "latest")]
    [InlineData("nginx:1.27", "nginx", "1.27")]
    [InlineData("127.0.0.1:5000/team/app", "127.0.0.1:5000/team/app", "latest")]
    [InlineData("127.0.0.1:5000/team/app:v1", "127.0.0.1:5000/team/app", "v1")]
    [InlineData("repo/app@sha256:abc", "repo/app", "sha256:abc")]
    public void Split_Reference_GivesFromImageAndTag(string image, string fromImage, string tag)
    {
        Assert.Equal((fromImage, tag), DockerReference.Split(image));
    }
}
