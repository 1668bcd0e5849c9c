using System.Collections.Concurrent;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// What the simulated kubelets pull through in lifecycle tests: counts pulls per node and holds them until released,
/// so a test can stop or delete a job while nodes are mid-pull.
/// </summary>
internal sealed class CountingKubeletPuller : IImagePuller
{
    private readonly ConcurrentDictionary<string, int> _pulls = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<string>? _held;

    /// <param name="held">The nodes whose pulls wait for <see cref="Open"/>; <see langword="null"/> holds every node.</param>
    public CountingKubeletPuller(params string[]? held)
    {
        _held = held is null ? null : new HashSet<string>(held, StringComparer.Ordinal);
    }

    public string Name => "counting";

    public IReadOnlyCollection<string> SupportedCheckItems => [];

    /// <summary>Pulls started, per node.</summary>
    public IReadOnlyDictionary<string, int> Pulls => _pulls;

    /// <summary>Pulls started so far.</summary>
    public int Total => _pulls.Values.Sum();

    /// <summary>Lets every held and future pull of held nodes finish.</summary>
    public void Open() => _gate.TrySetResult();

    public ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The kubelet simulator does not check.");

    public async ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        _pulls.AddOrUpdate(request.NodeName, 1, (_, n) => n + 1);
        if (_held is null || _held.Contains(request.NodeName))
        {
            await _gate.Task.WaitAsync(cancellationToken);
        }

        return PullResult.Success("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(request.ResolvedImage))));
    }
}
