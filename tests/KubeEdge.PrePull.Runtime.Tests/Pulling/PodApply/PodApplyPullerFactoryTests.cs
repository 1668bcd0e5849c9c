using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Pulling.PodApply;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling.PodApply;

public sealed class PodApplyPullerFactoryTests
{
    [Fact]
    public void Options_Defaults_ArePinned()
    {
        var options = new PodApplyOptions();

        Assert.Equal("kubeedge-prepull", options.Namespace);
        Assert.True(options.CreateNamespace);
        Assert.Equal("prepull-", options.PodNamePrefix);
        Assert.Equal(["/kubeedge-prepull/pulled"], options.ContainerCommand);
        Assert.Equal("10m", options.CpuRequest);
        Assert.Equal("16Mi", options.MemoryRequest);
        Assert.Equal(TimeSpan.FromMinutes(5), options.WatchTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RetryDelay);
        Assert.Equal(5, options.CreateAttempts);
    }

    [Fact]
    public void Constructor_InvalidOptions_NamesEveryField()
    {
        var options = new PodApplyOptions { Namespace = "Bad_NS", PodNamePrefix = "UPPER", WatchTimeout = TimeSpan.Zero, RetryDelay = TimeSpan.FromSeconds(-1), CreateAttempts = 0 };

        var e = Assert.Throws<ArgumentException>(() => new PodApplyPullerFactory(new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = "http://127.0.0.1:1" }), options));

        Assert.Contains("PodApply:Namespace 'Bad_NS'", e.Message, StringComparison.Ordinal);
        Assert.Contains("PodApply:PodNamePrefix 'UPPER'", e.Message, StringComparison.Ordinal);
        Assert.Contains("PodApply:WatchTimeout", e.Message, StringComparison.Ordinal);
        Assert.Contains("PodApply:RetryDelay", e.Message, StringComparison.Ordinal);
        Assert.Contains("PodApply:CreateAttempts", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateForJob_JobWithoutUid_ThrowsNamingTheJob()
    {
        using var client = new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = "http://127.0.0.1:1" });
        var factory = new PodApplyPullerFactory(client, new PodApplyOptions());

        var e = Assert.Throws<ArgumentException>(() => factory.CreateForJob(new ImagePrePullJob { Metadata = new() { Name = "j1" } }));

        Assert.Contains("Job 'j1' has no metadata.uid", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateForJob_Job_GivesNodeScopedDisposablePuller()
    {
        using var client = new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = "http://127.0.0.1:1" });
        var factory = new PodApplyPullerFactory(client, new PodApplyOptions());

        var puller = factory.CreateForJob(new ImagePrePullJob { Metadata = new() { Name = "j1", Uid = "u1" } });

        Assert.Equal("podapply", factory.Name);
        Assert.IsAssignableFrom<INodeScopedImagePuller>(puller);
        Assert.Equal("podapply", puller.Name);
        await ((IAsyncDisposable)puller).DisposeAsync();
    }
}
