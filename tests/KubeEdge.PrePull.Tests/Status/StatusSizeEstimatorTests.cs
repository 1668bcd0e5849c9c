using System.Text;
using k8s;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Status;

namespace KubeEdge.PrePull.Tests.Status;

public sealed class StatusSizeEstimatorTests
{
    [Theory]
    [InlineData("plain ascii reason")]
    [InlineData("quotes \" and \\ backslashes <html> & 'single' +plus `tick`")]
    [InlineData("unicode: 镜像拉取失败 — ünïcödé 🚀")]
    [InlineData("control \u0001\t\n chars")]
    [InlineData("")]
    public void Estimate_AnyText_IsAnUpperBoundOfTheJson(string text)
    {
        var entry = new ImagePrePullNodeTaskStatus
        {
            NodeName = "node-" + text,
            Phase = NodeTaskPhases.Failure,
            Reason = text,
            ActionFlow = [new ImagePrePullJobActionStatus { Action = "Pull", Status = "False", Reason = text, Time = "2026-03-01T08:00:00Z" }],
            ImageStatus = [new ImageStatus { Image = text, Status = "False", Reason = text, ResolvedImage = text, ImageRef = text, Secret = text }],
        };
        var mirror = new KubeEdge.PrePull.Api.V1Alpha1.ImagePrePullStatus
        {
            NodeStatus = new KubeEdge.PrePull.Api.V1Alpha1.TaskStatus { NodeName = text, State = "Failed", Event = "Pull", Action = "Failure", Reason = text, Time = "2026-03-01T08:00:00Z" },
            ImageStatus = [new KubeEdge.PrePull.Api.V1Alpha1.ImageStatus { Image = text, State = "Failed", Reason = text }],
        };

        Assert.True(StatusSizeEstimator.Estimate(entry) >= Encoding.UTF8.GetByteCount(KubernetesJson.Serialize(entry)) + 1);
        Assert.True(StatusSizeEstimator.Estimate(mirror) >= Encoding.UTF8.GetByteCount(KubernetesJson.Serialize(mirror)) + 1);
    }
}
