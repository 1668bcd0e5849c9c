using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Pulling.Internal;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling.Internal;

public sealed class RegistryErrorTextTests
{
    // Messages as containerd 1.6 and dockerd 20.10 word them (seen in the daemon tests of this folder).
    [Theory]
    [InlineData("failed to resolve reference \"r/a:v1\": pulling from host r failed with status code [manifests v1]: 401 Unauthorized", PullFailureKind.Unauthorized)]
    [InlineData("unauthorized: authentication required", PullFailureKind.Unauthorized)]
    [InlineData("failed to resolve reference \"r/a:x\": r/a:x: not found", PullFailureKind.NotFound)]
    [InlineData("manifest for r/a:x not found: manifest unknown: manifest unknown", PullFailureKind.NotFound)]
    [InlineData("failed to do request: Head \"http://r/v2/a/manifests/v1\": dial tcp 127.0.0.1:1: connect: connection refused", PullFailureKind.RegistryUnreachable)]
    [InlineData("Get \"https://r/v2/\": http: server gave HTTP response to HTTPS client", PullFailureKind.RegistryUnreachable)]
    [InlineData("unknown blob", PullFailureKind.NotFound)]
    [InlineData("failed to unpack: no space left on device", PullFailureKind.Other)]
    // A registry's 429 (docs/design.md §2 "Registry budget"): containerd quotes the status line, dockerd the error code.
    [InlineData("failed to resolve reference \"r/a:v1\": unexpected status from HEAD request to http://r/v2/a/manifests/v1: 429 Too Many Requests", PullFailureKind.RateLimited)]
    [InlineData("toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading", PullFailureKind.RateLimited)]
    public void Classify_RuntimeMessage_GivesKind(string message, PullFailureKind kind)
    {
        Assert.Equal(kind, RegistryErrorText.Classify(message));
    }
}
