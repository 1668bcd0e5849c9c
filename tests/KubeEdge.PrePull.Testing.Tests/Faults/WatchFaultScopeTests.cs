using k8s;
using k8s.Models;
using KubeEdge.PrePull.Testing.Faults;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Testing.Tests.Faults;

/// <summary>Injected watch faults hit clients' watches only: the simulated kubelets keep working, as real ones do.</summary>
public sealed class WatchFaultScopeTests
{
    [Fact]
    public async Task CloseWatches_AllResources_KubeletsStillRunPodsCreatedAfterwards()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await ApiServerFixture.StartAsync();
        var (server, client) = cluster;
        var node = server.Fleet.AddNodes(new KubeEdge.PrePull.Testing.Fleet.NodeFleetOptions())[0];

        server.Faults.CloseWatches();
        server.Faults.Add("pods", "watch", FaultKind.Gone, times: 3);
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "after-faults" },
            Spec = new V1PodSpec { NodeName = node, RestartPolicy = "Never", Containers = [new V1Container { Name = "c", Image = "nginx:1.27" }] },
        };
        await client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: ct);

        string? imageId = null;
        await Eventually.WaitUntilAsync(
            async () =>
            {
                var read = await client.CoreV1.ReadNamespacedPodAsync("after-faults", "default", cancellationToken: ct);
                imageId = read.Status?.ContainerStatuses?.SingleOrDefault()?.ImageID;
                return !string.IsNullOrEmpty(imageId); // a container still waiting for its image reports an empty ImageID
            },
            () => "the kubelet pulled the image",
            Eventually.Timeout,
            TimeSpan.FromMilliseconds(20));

        Assert.StartsWith("nginx@sha256:", imageId, StringComparison.Ordinal);
    }
}
