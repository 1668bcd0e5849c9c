namespace KubeEdge.PrePull.Runtime.Registries;

/// <summary>
/// The one HTTP client the registry client uses in a process (docs/design.md §2 "Pinned digests"): long-lived, so
/// connections are pooled and DNS changes are picked up; no redirects to other hosts are followed with credentials
/// (the handler drops the <c>Authorization</c> header on redirects).
/// </summary>
internal static class RegistryHttp
{
    /// <summary>How long one registry request may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static HttpClient Shared { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), UseCookies = false })
    {
        Timeout = Timeout,
    };
}
