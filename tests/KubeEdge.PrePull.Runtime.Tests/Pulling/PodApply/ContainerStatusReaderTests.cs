using k8s.Models;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Pulling.PodApply;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling.PodApply;

public sealed class ContainerStatusReaderTests
{
    [Theory]
    [InlineData("ContainerCreating", "Pending")]
    [InlineData("ErrImagePull", "Failed")]
    [InlineData("ImagePullBackOff", "Failed")]
    [InlineData("InvalidImageName", "FailedPermanently")]
    [InlineData("ErrImageNeverPull", "FailedPermanently")]
    [InlineData("RunContainerError", "Pulled")]
    [InlineData("CreateContainerError", "Pulled")]
    public void Read_WaitingReason_GivesPhase(string reason, string expected) =>
        Assert.Equal(Enum.Parse<ContainerPullPhase>(expected), ContainerStatusReader.Read(new V1ContainerStatus { Name = "image-0", State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = reason } } }));

    [Fact]
    public void Read_StartErrorOfNoSuchCommand_CountsAsPulled()
    {
        // What the default command (a path in no image) gives on containerd: terminated, StartError, imageID set.
        var status = new V1ContainerStatus
        {
            Name = "image-0",
            ImageID = "gcr.io/distroless/static@sha256:1f",
            State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 128, Reason = "StartError" } },
        };

        Assert.Equal(ContainerPullPhase.Pulled, ContainerStatusReader.Read(status));
    }

    [Fact]
    public void Read_NoStatus_IsPending() => Assert.Equal(ContainerPullPhase.Pending, ContainerStatusReader.Read(null));

    [Theory]
    [InlineData("ErrImagePull", "failed to authorize: failed to fetch anonymous token: 401 Unauthorized", PullFailureKind.Unauthorized)]
    [InlineData("ErrImagePull", "pull access denied, repository does not exist or may require authorization", PullFailureKind.Unauthorized)]
    [InlineData("ErrImagePull", "rpc error: code = NotFound desc = failed to resolve reference \"x\": not found", PullFailureKind.NotFound)]
    [InlineData("ErrImagePull", "manifest unknown", PullFailureKind.NotFound)]
    [InlineData("ErrImagePull", "dial tcp: lookup harbor.invalid: no such host", PullFailureKind.RegistryUnreachable)]
    [InlineData("InvalidImageName", "couldn't parse image reference", PullFailureKind.InvalidReference)]
    [InlineData("ErrImagePull", "something odd", PullFailureKind.Other)]
    public void Classify_KubeletMessage_GivesKind(string reason, string message, PullFailureKind expected) =>
        Assert.Equal(expected, PullFailureClassifier.Classify(reason, message));

    [Fact]
    public void Next_ErrImagePullBackOffErrImagePull_CountsTwoAttempts()
    {
        var history = ContainerHistory.Empty
            .Next("ErrImagePull", "Failed to pull image \"x\": boom", ContainerPullPhase.Failed)
            .Next("ErrImagePull", "Failed to pull image \"x\": boom", ContainerPullPhase.Failed)
            .Next("ImagePullBackOff", "Back-off pulling image \"x\"", ContainerPullPhase.Failed)
            .Next("ErrImagePull", "Failed to pull image \"x\": boom again", ContainerPullPhase.Failed)
            .Next("ImagePullBackOff", "Back-off pulling image \"x\"", ContainerPullPhase.Failed);

        Assert.Equal(2, history.Failures);
        Assert.Equal("Failed to pull image \"x\": boom again", history.FailureMessage);
    }
}
