using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Pulling.Docker;

/// <summary>The <c>X-Registry-Auth</c> header: base64url (RFC 4648 section 5) of the Engine's AuthConfig JSON.</summary>
internal static class DockerRegistryAuth
{
    public const string HeaderName = "X-Registry-Auth";

    public static string Encode(PullCredential credential)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(
            new Body(credential.Username, credential.Password, credential.Registry, credential.IdentityToken, credential.RegistryToken),
            DockerJson.Options);
        return Convert.ToBase64String(json).Replace('+', '-').Replace('/', '_');
    }

    private sealed record Body(
        [property: JsonPropertyName("username")] string? Username,
        [property: JsonPropertyName("password")] string? Password,
        [property: JsonPropertyName("serveraddress")] string ServerAddress,
        [property: JsonPropertyName("identitytoken")] string? IdentityToken,
        [property: JsonPropertyName("registrytoken")] string? RegistryToken);
}
