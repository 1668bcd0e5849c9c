using KubeEdge.PrePull.Runtime.Agents;
using KubeEdge.PrePull.Runtime.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KubeEdge.PrePull.Runtime.Tests.Agents;

/// <summary>AddImagePrePullAgent(): an agent with bad settings refuses to start and says which setting is wrong.</summary>
public sealed class ImagePrePullAgentRegistrationTests
{
    private const string Socket = "/run/containerd/containerd.sock";

    public static TheoryData<string, string, Action<ImagePrePullAgentOptions>, string> BadOptions => new()
    {
        { "empty node", "", _ => { }, "NodeName is required" },
        { "upper-case node", "Edge_Node", _ => { }, "NodeName must be a node name" },
        { "long node", new string('a', 254), _ => { }, "NodeName must be at most 253" },
        { "disk", "edge-1", o => o.DiskThresholdPercent = 120, "DiskThresholdPercent" },
        { "parallelism", "edge-1", o => o.ImageParallelism = 0, "ImageParallelism" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public async Task Start_InvalidOption_FailsNamingTheOption(string name, string node, Action<ImagePrePullAgentOptions> configure, string expected)
    {
        _ = name;
        using var host = Build(s => s.AddImagePrePullAgent(node, configure).AddCriPuller(Socket));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NoBackend_FailsSayingHowToAddOne()
    {
        using var host = Build(s => s.AddImagePrePullAgent("edge-1"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("AddCriPuller(socket) or AddDockerPuller(socket)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_TwoBackends_FailsNamingBoth()
    {
        using var host = Build(s => s.AddImagePrePullAgent("edge-1").AddCriPuller(Socket).AddDockerPuller("/var/run/docker.sock"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("cri, docker", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddImagePrePullAgent_Twice_RegistersOneAgent()
    {
        var services = new ServiceCollection();
        services.AddImagePrePullAgent("edge-1");
        services.AddImagePrePullAgent("edge-1");

        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
    }

    [Fact]
    public void AddCriPuller_EmptySocket_ThrowsNamingTheArgument()
    {
        var builder = new ServiceCollection().AddImagePrePullAgent("edge-1");

        var error = Assert.Throws<ArgumentException>(() => builder.AddCriPuller(" "));

        Assert.Equal("socketPath", error.ParamName);
    }

    [Fact]
    public void Defaults_ArePinned()
    {
        var options = new ImagePrePullAgentOptions();

        Assert.Equal((string.Empty, 80d, 80d, 80d, 1), (options.NodeName, options.DiskThresholdPercent, options.MemThresholdPercent, options.CpuThresholdPercent, options.ImageParallelism));
        Assert.Equal("prepull.kubeedge.io/agent", EdgeAgentLabels.Agent);
    }

    private static IHost Build(Func<IServiceCollection, IImagePrePullAgentBuilder> configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());

        // A client that is never used: validation fails before the agent talks to any cluster.
        configure(builder.Services).UseKubernetes(new k8s.KubernetesClientConfiguration { Host = "http://127.0.0.1:9" });
        return builder.Build();
    }
}
