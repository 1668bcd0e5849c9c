namespace KubeEdge.PrePull.Runtime.Caching;

/// <summary>Tuning of a <see cref="ListWatchCache{T}"/>; the defaults suit a controller.</summary>
internal sealed class ListWatchCacheOptions
{
    /// <summary>Default of <see cref="PageSize"/>: 500, as client-go's reflector.</summary>
    public const int DefaultPageSize = 500;

    /// <summary>Default of <see cref="InitialBackoff"/>: 1 second.</summary>
    public static readonly TimeSpan DefaultInitialBackoff = TimeSpan.FromSeconds(1);

    /// <summary>Default of <see cref="MaxBackoff"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultMaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>Objects per list page (default <see cref="DefaultPageSize"/>).</summary>
    public int PageSize { get; set; } = DefaultPageSize;

    /// <summary>First delay after a failed list or watch (default <see cref="DefaultInitialBackoff"/>); it doubles per failure.</summary>
    public TimeSpan InitialBackoff { get; set; } = DefaultInitialBackoff;

    /// <summary>Cap of the delay (default <see cref="DefaultMaxBackoff"/>).</summary>
    public TimeSpan MaxBackoff { get; set; } = DefaultMaxBackoff;

    /// <summary>Source of jitter; <see cref="Random.Shared"/> when <see langword="null"/> (tests pass a seeded one).</summary>
    public Random? Random { get; set; }
}
