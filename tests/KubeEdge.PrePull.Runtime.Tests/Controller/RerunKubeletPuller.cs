using System.Collections.Concurrent;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// What the simulated kubelets pull through in rerun tests: counts pulls per node, fails the pulls of the nodes it is
/// told to fail (until <see cref="Heal"/>), and holds every pull until <see cref="Open"/> when built holding.
/// </summary>
internal sealed class RerunKubeletPuller(bool holding = false) : IImagePuller
{
    private readonly ConcurrentDictionary<string, int> _pulls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _failing = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _gate = NewGate(holding);

    public string Name => "rerun";

    public IReadOnlyCollection<string> SupportedCheckItems => [];

    /// <summary>Pulls started so far, per node (0 for a node never pulled).</summary>
    public int PullsOf(string node) => _pulls.GetValueOrDefault(node);

    /// <summary>Pulls of these nodes fail from now on.</summary>
    public void Fail(params string[] nodes)
    {
        foreach (var node in nodes)
        {
            _failing[node] = int.MaxValue;
        }
    }

    /// <summary>The next <paramref name="times"/> pulls of <paramref name="node"/> fail, later ones succeed.</summary>
    public void FailNext(string node, int times) => _failing[node] = times;

    /// <summary>Every pull succeeds from now on.</summary>
    public void Heal() => _failing.Clear();

    /// <summary>Lets every held and future pull go on.</summary>
    public void Open() => _gate.TrySetResult();

    public ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The kubelet simulator does not check.");

    public async ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        _pulls.AddOrUpdate(request.NodeName, 1, (_, n) => n + 1);
        await _gate.Task.WaitAsync(cancellationToken);
        var fails = false;
        _failing.AddOrUpdate(request.NodeName, 0, (_, left) =>
        {
            fails = left > 0;
            return left == int.MaxValue ? left : Math.Max(0, left - 1);
        });
        return fails
            ? PullResult.Failure(PullFailureKind.NotFound, "rpc error: code = NotFound desc = manifest unknown")
            : PullResult.Success("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(request.ResolvedImage))));
    }

    private static TaskCompletionSource NewGate(bool holding)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!holding)
        {
            gate.SetResult();
        }

        return gate;
    }
}
