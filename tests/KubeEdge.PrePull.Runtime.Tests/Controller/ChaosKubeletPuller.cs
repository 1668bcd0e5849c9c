using System.Collections.Concurrent;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// What the simulated kubelets pull through in the chaos test: each pull takes a short real delay (so pulls overlap
/// kills and freezes) and always succeeds; every pull's start and successful end are recorded per node, on the
/// timestamp clock the test's status recorder uses.
/// </summary>
internal sealed class ChaosKubeletPuller : IImagePuller
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<long>> _starts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _succeeded = new(StringComparer.Ordinal);
    private readonly TimeSpan _minDelay;
    private readonly TimeSpan _maxDelay;
    private int _total;

    public ChaosKubeletPuller(TimeSpan minDelay, TimeSpan maxDelay)
    {
        _minDelay = minDelay;
        _maxDelay = maxDelay;
    }

    public string Name => "chaos";

    public IReadOnlyCollection<string> SupportedCheckItems => [];

    /// <summary>Pulls started so far, over all nodes.</summary>
    public int Total => Volatile.Read(ref _total);

    /// <summary>When each pull of a node started (<see cref="TimeProvider.GetTimestamp"/> of the system clock).</summary>
    public IReadOnlyList<long> StartsOf(string node) => _starts.TryGetValue(node, out var starts) ? [.. starts] : [];

    /// <summary>How many pulls of a node ran to success.</summary>
    public int SucceededOn(string node) => _succeeded.GetValueOrDefault(node);

    /// <summary>Pulls started, per node.</summary>
    public IReadOnlyDictionary<string, int> Counts => _starts.ToDictionary(p => p.Key, p => p.Value.Count, StringComparer.Ordinal);

    public ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The kubelet simulator does not check.");

    public async ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        _starts.GetOrAdd(request.NodeName, _ => new ConcurrentQueue<long>()).Enqueue(TimeProvider.System.GetTimestamp());
        Interlocked.Increment(ref _total);
        var spread = (_maxDelay - _minDelay).Ticks;
        await Task.Delay(_minDelay + TimeSpan.FromTicks(Random.Shared.NextInt64(spread + 1)), cancellationToken);
        _succeeded.AddOrUpdate(request.NodeName, 1, (_, n) => n + 1);
        return PullResult.Success("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(request.ResolvedImage))));
    }
}
