using System.Text;
using System.Text.Json;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Pulling.Docker;

/// <summary>The <c>X-Registry-Auth</c> header: base64url (RFC 4648 section 5) of the Engine's AuthConfig JSON.</summary>
internal static class DockerRegistryAuth
{
    public const string HeaderName = "X-Registry-Auth";

    public static string Encode(PullCredential credential)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(
            new DockerAuthConfig(credential.Username, credential.Password, credential.Registry, credential.IdentityToken, credential.RegistryToken),
            DockerJsonContext.Default.DockerAuthConfig);
        return Convert.ToBase64String(json).Replace('+', '-').Replace('/', '_');
    }
}
