using System.Diagnostics;

namespace KubeEdge.PrePull.Pulling;

/// <summary>
/// One registry credential taken from a secret. It holds secret data, so <see cref="ToString"/> and the debugger
/// display show only where it came from, never the user name, password or tokens.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class PullCredential
{
    /// <summary>Creates a credential.</summary>
    /// <param name="secret">The secret it came from, <c>namespace/name</c>.</param>
    /// <param name="registry">The registry key it was stored under (e.g. <c>harbor.example.com</c>).</param>
    /// <param name="username">The user name.</param>
    /// <param name="password">The password.</param>
    /// <param name="identityToken">An identity token, if any.</param>
    /// <param name="registryToken">A registry token, if any.</param>
    public PullCredential(string secret, string registry, string? username, string? password, string? identityToken = null, string? registryToken = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(registry);
        Secret = secret;
        Registry = registry;
        Username = username;
        Password = password;
        IdentityToken = identityToken;
        RegistryToken = registryToken;
    }

    /// <summary>The secret it came from, <c>namespace/name</c> (safe to show).</summary>
    public string Secret { get; }

    /// <summary>The registry key it was stored under (safe to show).</summary>
    public string Registry { get; }

    /// <summary>The user name (secret data).</summary>
    public string? Username { get; }

    /// <summary>The password (secret data).</summary>
    public string? Password { get; }

    /// <summary>An identity token (secret data).</summary>
    public string? IdentityToken { get; }

    /// <summary>A registry token (secret data).</summary>
    public string? RegistryToken { get; }

    /// <inheritdoc />
    public override string ToString() => $"credential for {Registry} from secret {Secret}";
}
