using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// What the simulated kubelets pull through in registry budget tests: counts the pulls in flight per registry host
/// at every moment (and the most ever), holding every pull until <see cref="Open"/>.
/// </summary>
internal sealed class HostCountingKubeletPuller : IImagePuller
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _max = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _total;

    public string Name => "host-counting";

    public IReadOnlyCollection<string> SupportedCheckItems => [];

    public int Total => Volatile.Read(ref _total);

    public int InFlight(string registry)
    {
        lock (_gate)
        {
            return _inFlight.GetValueOrDefault(registry);
        }
    }

    public int MaxInFlight(string registry)
    {
        lock (_gate)
        {
            return _max.GetValueOrDefault(registry);
        }
    }

    public void Open() => _open.TrySetResult();

    public ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The kubelet simulator does not check.");

    public async ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        var registry = RegistryBudget.RegistryOf(request.ResolvedImage);
        lock (_gate)
        {
            var now = _inFlight[registry] = _inFlight.GetValueOrDefault(registry) + 1;
            _max[registry] = Math.Max(_max.GetValueOrDefault(registry), now);
        }

        Interlocked.Increment(ref _total);
        try
        {
            await _open.Task.WaitAsync(cancellationToken);
            return PullResult.Success("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(request.ResolvedImage))));
        }
        finally
        {
            lock (_gate)
            {
                _inFlight[registry]--;
            }
        }
    }
}
