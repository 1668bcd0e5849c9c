namespace KubeEdge.PrePull.Testing.Registries;

/// <summary>Settings of a <see cref="LocalRegistry"/>.</summary>
public sealed class LocalRegistryOptions
{
    /// <summary>Default of <see cref="RegistryExecutable"/>: the Debian package's name for the CNCF distribution registry.</summary>
    public const string DefaultRegistryExecutable = "docker-registry";

    /// <summary>Default of <see cref="HtpasswdExecutable"/> (Debian package <c>apache2-utils</c>).</summary>
    public const string DefaultHtpasswdExecutable = "htpasswd";

    /// <summary>Default of <see cref="StartTimeout"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The folder for the registry's config, htpasswd file, storage and log; created when missing. Required.</summary>
    public string Directory { get; set; } = string.Empty;

    /// <summary>The account images are pushed with. Required; no <c>:</c>.</summary>
    public string User { get; set; } = string.Empty;

    /// <summary>The password of <see cref="User"/>. Required; never logged or shown.</summary>
    public string Password { get; set; } = string.Empty;

    /// <summary>More accounts the registry accepts (user to password), e.g. a read-only robot per pull secret.</summary>
    public IDictionary<string, string> AdditionalUsers { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Whether the registry serves without authentication (no htpasswd; pulls and pushes need no account). The
    /// accounts are still required: the kit sends them, and an anonymous registry ignores them. Default: <see langword="false"/>.
    /// </summary>
    public bool Anonymous { get; set; }

    /// <summary>The registry binary: a name looked up on <c>PATH</c> (and the sbin folders) or a full path. Default: <see cref="DefaultRegistryExecutable"/>.</summary>
    public string RegistryExecutable { get; set; } = DefaultRegistryExecutable;

    /// <summary>The <c>htpasswd</c> binary that writes the bcrypt password file. Default: <see cref="DefaultHtpasswdExecutable"/>.</summary>
    public string HtpasswdExecutable { get; set; } = DefaultHtpasswdExecutable;

    /// <summary>How long the registry may take to answer on <c>/v2/</c>. Default: <see cref="DefaultStartTimeout"/>.</summary>
    public TimeSpan StartTimeout { get; set; } = DefaultStartTimeout;

    /// <summary>Throws when a setting is unusable, naming it.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory))
        {
            throw new ArgumentException($"{nameof(LocalRegistryOptions)}.{nameof(Directory)} is required.", nameof(Directory));
        }

        foreach (var (user, password) in AdditionalUsers.Prepend(KeyValuePair.Create(User, Password)))
        {
            if (string.IsNullOrEmpty(user) || user.Contains(':', StringComparison.Ordinal) || user.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException($"{nameof(LocalRegistryOptions)}: user '{user}' must be non-empty, without ':' or spaces.", nameof(User));
            }

            if (string.IsNullOrEmpty(password) || password.Contains('\n', StringComparison.Ordinal))
            {
                // The message names the user only: the password must not reach an exception message.
                throw new ArgumentException($"{nameof(LocalRegistryOptions)}: the password of user '{user}' must be non-empty and on one line.", nameof(Password));
            }
        }

        if (StartTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(LocalRegistryOptions)}.{nameof(StartTimeout)} must be positive.", nameof(StartTimeout));
        }
    }
}
