using KubeEdge.PrePull.Runtime.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>AddImagePrePull(): a host with bad settings refuses to start and says which setting is wrong.</summary>
public sealed class ImagePrePullRegistrationTests
{
    public static TheoryData<string, Action<ImagePrePullOptions>, string> BadOptions => new()
    {
        { "namespace", o => o.PodNamespace = "Not_A_Namespace", "PodNamespace" },
        { "flush", o => o.StatusFlushInterval = TimeSpan.Zero, "StatusFlushInterval" },
        { "detail", o => o.DetailLimit = -1, "DetailLimit" },
        { "disk", o => o.DiskThresholdPercent = 120, "DiskThresholdPercent" },
        { "parallelism", o => o.ImageParallelism = 0, "ImageParallelism" },
        { "edge", o => o.EdgeLabel = " ", "EdgeLabel" },
        { "lease", o => o.LeaderElection.LeaseDuration = TimeSpan.FromMilliseconds(10), "LeaderElection.LeaseDuration" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public async Task Start_InvalidOption_FailsNamingTheOption(string name, Action<ImagePrePullOptions> configure, string field)
    {
        _ = name;
        using var host = Build(s => s.AddImagePrePull(configure).AddPodApplyPuller());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NoBackend_FailsSayingHowToAddOne()
    {
        using var host = Build(s => s.AddImagePrePull());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("AddPodApplyPuller()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_TwoBackends_FailsNamingBoth()
    {
        using var host = Build(s => s.AddImagePrePull().AddPodApplyPuller().AddCriPuller("/run/containerd/containerd.sock"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("podapply, cri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddImagePrePull_Twice_RegistersOneController()
    {
        var services = new ServiceCollection();
        services.AddImagePrePull();
        services.AddImagePrePull();

        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
    }

    [Fact]
    public void AddCriPuller_EmptySocket_ThrowsNamingTheArgument()
    {
        var builder = new ServiceCollection().AddImagePrePull();

        var error = Assert.Throws<ArgumentException>(() => builder.AddCriPuller(" "));

        Assert.Equal("socketPath", error.ParamName);
    }

    private static IHost Build(Action<IServiceCollection> configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        configure(builder.Services);

        // A client that is never used: validation fails before the controller talks to any cluster.
        builder.Services.AddImagePrePull().UseKubernetes(new k8s.KubernetesClientConfiguration { Host = "http://127.0.0.1:9" });
        return builder.Build();
    }
}
