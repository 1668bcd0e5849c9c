namespace KubeEdge.PrePull.Scheduling;

/// <summary>
/// A budget of pulls per registry host shared by every job of a host (docs/design.md §2 "Registry budget"): at most
/// the registry's limit of pulls in flight at once, and no new pull to a registry that answered 429 /
/// <c>toomanyrequests</c> until its back-off ends (its <c>Retry-After</c>, else <see cref="RetryBackoff"/>). Give
/// the same instance to the <see cref="JobScheduler"/> of every job. Thread-safe; time from the
/// <see cref="TimeProvider"/>.
/// </summary>
public sealed class RegistryBudget
{
    /// <summary>A limit of 0: no cap on pulls in flight (the 429 back-off still applies).</summary>
    public const int Unlimited = 0;

    /// <summary>The largest limit accepted per registry: 10,000 pulls in flight.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>The longest <c>Retry-After</c> honoured: 24 h (a longer one is cut to it).</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(24);

    /// <summary>The default back-off of a registry that answered 429 without <c>Retry-After</c>: 5 s, doubling per answer in a row, capped at 5 min, plus up to 20 % jitter.</summary>
    public static readonly RetryBackoff DefaultBackoff = new(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), BackoffGrowth.Exponential, 0, 0.2);

    private readonly Dictionary<string, int> _limits;
    private readonly Lock _gate = new();
    // Every registry seen so far; read without allocating through _lookup (the reference's host as a span).
    private readonly Dictionary<string, RegistrySlots> _registries = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, RegistrySlots>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Creates a budget.</summary>
    /// <param name="limits">Registry host (<c>harbor.example.com</c>, <c>127.0.0.1:5000</c>, or <c>127.0.0.1_5000</c>) to the most pulls in flight there, 0 for no cap; <see langword="null"/> for none.</param>
    /// <param name="defaultLimit">The limit of every other registry; <see cref="Unlimited"/> by default.</param>
    /// <param name="backoff">The back-off after a 429 without <c>Retry-After</c>; <see langword="null"/> for <see cref="DefaultBackoff"/>.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="listener">Hears waits and back-offs (metrics, logs); may be <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A key is not a registry host, or two keys name the same registry; the message names the key.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit is outside 0 to <see cref="MaxLimit"/>; the message names the key.</exception>
    public RegistryBudget(
        IReadOnlyDictionary<string, int>? limits = null,
        int defaultLimit = Unlimited,
        RetryBackoff? backoff = null,
        TimeProvider? timeProvider = null,
        IRegistryBudgetListener? listener = null)
        : this(limits, defaultLimit, backoff, timeProvider, listener, System.Random.Shared.NextDouble)
    {
    }

    /// <summary>Creates a budget with a chosen source of jitter (tests make it deterministic).</summary>
    internal RegistryBudget(
        IReadOnlyDictionary<string, int>? limits,
        int defaultLimit,
        RetryBackoff? backoff,
        TimeProvider? timeProvider,
        IRegistryBudgetListener? listener,
        Func<double> random)
    {
        ArgumentNullException.ThrowIfNull(random);
        CheckLimit(defaultLimit, nameof(defaultLimit));
        _limits = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, limit) in limits ?? new Dictionary<string, int>())
        {
            if (RegistryHost.Check(key) is { } problem)
            {
                throw new ArgumentException($"limits[\"{key}\"]: {problem}.", nameof(limits));
            }

            CheckLimit(limit, $"limits[\"{key}\"]");
            if (!_limits.TryAdd(RegistryHost.Normalize(key), limit))
            {
                throw new ArgumentException($"limits[\"{key}\"]: names the registry {RegistryHost.Normalize(key)} again.", nameof(limits));
            }
        }

        DefaultLimit = defaultLimit;
        Backoff = backoff ?? DefaultBackoff;
        Time = timeProvider ?? TimeProvider.System;
        Listener = listener;
        Random = random;
        _lookup = _registries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The limit of registries without their own.</summary>
    public int DefaultLimit { get; }

    internal RetryBackoff Backoff { get; }

    internal TimeProvider Time { get; }

    internal IRegistryBudgetListener? Listener { get; }

    internal Func<double> Random { get; }

    /// <summary>The registry host <paramref name="image"/> pulls from, as the budget names it (Docker Hub is <c>docker.io</c>).</summary>
    /// <param name="image">A normalized or familiar image reference.</param>
    /// <returns>The host, with its port if any.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is <see langword="null"/>.</exception>
    public static string RegistryOf(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return RegistryHost.Of(image).ToString();
    }

    /// <summary>Why <paramref name="key"/> cannot name a registry in the limits (a host, optionally with <c>:port</c> or <c>_port</c>), or <see langword="null"/>.</summary>
    /// <param name="key">A key of the limits.</param>
    /// <returns>The problem, without the key, or <see langword="null"/>.</returns>
    public static string? CheckRegistry(string? key) => RegistryHost.Check(key);

    /// <summary>The registry a key of the limits names, as <see cref="RegistryOf"/> names it (lower case, <c>_port</c> as <c>:port</c>, Docker Hub's aliases as <c>docker.io</c>).</summary>
    /// <param name="key">A valid key (see <see cref="CheckRegistry"/>).</param>
    /// <returns>The registry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    public static string NormalizeRegistry(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return RegistryHost.Normalize(key);
    }

    /// <summary>The most pulls in flight to <paramref name="registry"/>; <see cref="Unlimited"/> for no cap.</summary>
    /// <param name="registry">A registry host.</param>
    /// <returns>The limit.</returns>
    public int LimitOf(string registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return _limits.TryGetValue(RegistryHost.Normalize(registry), out var limit) ? limit : DefaultLimit;
    }

    /// <summary>The pulls in flight to <paramref name="registry"/> now.</summary>
    /// <param name="registry">A registry host.</param>
    /// <returns>The count.</returns>
    public int InFlight(string registry) => Find(registry)?.InFlight ?? 0;

    /// <summary>The images waiting for <paramref name="registry"/> now.</summary>
    /// <param name="registry">A registry host.</param>
    /// <returns>The count.</returns>
    public int Waiting(string registry) => Find(registry)?.WaitingCount ?? 0;

    /// <summary>When the back-off of <paramref name="registry"/> ends, or <see langword="null"/> when it is not backed off.</summary>
    /// <param name="registry">A registry host.</param>
    /// <returns>The end of the back-off.</returns>
    public DateTimeOffset? BackedOffUntil(string registry) => Find(registry)?.BackedOffUntil;

    /// <summary>The slots of the registry <paramref name="image"/> pulls from, made on first use.</summary>
    internal RegistrySlots For(string image)
    {
        var host = RegistryHost.Of(image);
        lock (_gate)
        {
            if (_lookup.TryGetValue(host, out var slots))
            {
                return slots;
            }

            var name = host.ToString().ToLowerInvariant();
            slots = new RegistrySlots(this, name, _limits.TryGetValue(name, out var limit) ? limit : DefaultLimit);
            _registries.Add(name, slots);
            return slots;
        }
    }

    private RegistrySlots? Find(string registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var name = RegistryHost.Normalize(registry);
        lock (_gate)
        {
            return _registries.GetValueOrDefault(name);
        }
    }

    private static void CheckLimit(int limit, string name)
    {
        if (limit is < 0 or > MaxLimit)
        {
            throw new ArgumentOutOfRangeException(name, limit, $"{name}: {limit} is outside the allowed range 0 to {MaxLimit} (0 means no cap).");
        }
    }
}
