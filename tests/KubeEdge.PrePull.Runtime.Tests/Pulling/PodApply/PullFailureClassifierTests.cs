using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Pulling.PodApply;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling.PodApply;

/// <summary>The kubelet's pull messages as PodApply reads them; a 429 is told apart first (docs/design.md §2 "Registry budget").</summary>
public sealed class PullFailureClassifierTests
{
    [Theory]
    [InlineData("ErrImagePull", "failed to pull and unpack image \"docker.io/library/nginx:1.27\": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/nginx/manifests/sha256:0: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit", PullFailureKind.RateLimited)]
    [InlineData("ErrImagePull", "toomanyrequests: Rate exceeded (403 from an old proxy)", PullFailureKind.RateLimited)]
    [InlineData("ErrImagePull", "pull access denied, repository does not exist or may require authorization", PullFailureKind.Unauthorized)]
    [InlineData("InvalidImageName", "toomanyrequests", PullFailureKind.InvalidReference)]
    public void Classify_KubeletMessage_GivesKind(string reason, string message, PullFailureKind kind) =>
        Assert.Equal(kind, PullFailureClassifier.Classify(reason, message));
}
