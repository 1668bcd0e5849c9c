namespace KubeEdge.PrePull.Testing.Registries;

/// <summary>
/// When a <see cref="RateLimitingRegistryProxy"/> answers 429 instead of forwarding: the first
/// <see cref="RejectFirst"/> limited requests, and then any limited request above <see cref="MaxRequestsPerWindow"/>
/// within <see cref="Window"/>. Both off (the defaults) forwards everything.
/// </summary>
public sealed class RateLimitingProxyOptions
{
    /// <summary>The <c>Retry-After</c> sent with every 429 by default: 1 s.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>The window of <see cref="MaxRequestsPerWindow"/> by default: 1 s.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(1);

    /// <summary>How many limited requests are answered 429 before any is forwarded. Default: 0.</summary>
    public int RejectFirst { get; set; }

    /// <summary>The most limited requests forwarded per <see cref="Window"/>; the rest get 429. Default: 0, no rate limit.</summary>
    public int MaxRequestsPerWindow { get; set; }

    /// <summary>The fixed window <see cref="MaxRequestsPerWindow"/> counts in, from the first request. Default: <see cref="DefaultWindow"/>.</summary>
    public TimeSpan Window { get; set; } = DefaultWindow;

    /// <summary>The <c>Retry-After</c> header of a 429, in whole seconds rounded up; <see langword="null"/> sends none. Default: <see cref="DefaultRetryAfter"/>.</summary>
    public TimeSpan? RetryAfter { get; set; } = DefaultRetryAfter;

    /// <summary>
    /// Whether only manifest requests (<c>/v2/NAME/manifests/REF</c>, what Docker Hub counts) are limited; else every
    /// request under <c>/v2/</c> except the version check <c>/v2/</c>. Default: <see langword="true"/>.
    /// </summary>
    public bool ManifestsOnly { get; set; } = true;

    /// <summary>The clock of the window. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
