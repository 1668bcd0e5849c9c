using System.Text.Json.Serialization;

namespace KubeEdge.PrePull.Runtime.Pulling.Docker;

/// <summary>The Engine's AuthConfig, the JSON inside the <c>X-Registry-Auth</c> header.</summary>
internal sealed record DockerAuthConfig(
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("password")] string? Password,
    [property: JsonPropertyName("serveraddress")] string ServerAddress,
    [property: JsonPropertyName("identitytoken")] string? IdentityToken,
    [property: JsonPropertyName("registrytoken")] string? RegistryToken);
