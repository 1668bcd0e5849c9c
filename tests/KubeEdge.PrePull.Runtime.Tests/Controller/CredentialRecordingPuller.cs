using System.Collections.Concurrent;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>What the simulated kubelets pull through when a test must see the credentials the kubelet was handed.</summary>
internal sealed class CredentialRecordingPuller : IImagePuller
{
    private readonly ConcurrentQueue<PullRequest> _requests = new();

    public string Name => "recording";

    public IReadOnlyCollection<string> SupportedCheckItems => [];

    /// <summary>Every pull the kubelets started, with its credentials.</summary>
    public IReadOnlyCollection<PullRequest> Requests => _requests;

    public ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The kubelet simulator does not check.");

    public ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request);
        return ValueTask.FromResult(PullResult.Success("sha256:" + new string('a', 64)));
    }
}
