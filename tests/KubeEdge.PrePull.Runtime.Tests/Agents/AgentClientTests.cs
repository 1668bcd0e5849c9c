using System.Reflection;
using k8s;
using KubeEdge.PrePull.Runtime.Agents;
using KubeEdge.PrePull.Runtime.ApiServer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KubeEdge.PrePull.Runtime.Tests.Agents;

/// <summary>
/// The agent sends its API calls on its own connection (from a client configuration) or a <see cref="Kubernetes"/>
/// client's with generated JSON, never through KubernetesClient's typed operations (docs/design.md §3 "The edge agent
/// on a small device").
/// </summary>
public sealed class AgentClientTests
{
    [Fact]
    public void Agent_KubernetesClient_UsesThePlainHttpTransport()
    {
        using var host = Build(_ => new Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:9" }));

        Assert.IsType<RestClusterApi>(host.Services.GetRequiredService<AgentContext>().Api);
    }

    [Fact]
    public void Agent_ClientConfiguration_ConnectsWithoutResolvingAKubernetesClient()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddImagePrePullAgent("edge-1")
            .UseKubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:9" })
            .AddCriPuller("/run/containerd/containerd.sock");

        // Constructing a Kubernetes client is what keeps every model's JSON metadata in a Native AOT agent.
        builder.Services.AddSingleton<IKubernetes>(_ => throw new InvalidOperationException("The agent resolved IKubernetes."));
        using var host = builder.Build();

        var context = host.Services.GetRequiredService<AgentContext>();

        Assert.IsType<RestClusterApi>(context.Api);
        Assert.Equal(new Uri("http://127.0.0.1:9"), context.Connection.BaseUri);
    }

    [Fact]
    public void Agent_HostRegisteredAClientBefore_UsesThatClientsConnection()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<IKubernetes>(_ => new Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:7" }));
        builder.Services.AddImagePrePullAgent("edge-1").AddCriPuller("/run/containerd/containerd.sock");
        using var host = builder.Build();

        Assert.Equal(new Uri("http://127.0.0.1:7"), host.Services.GetRequiredService<AgentContext>().Connection.BaseUri);
    }

    [Fact]
    public void Agent_AnotherIKubernetes_FailsSayingWhichClientItNeeds()
    {
        using var host = Build(_ => DispatchProxy.Create<IKubernetes, UnusedClient>());

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<AgentContext>());

        Assert.Contains("needs a k8s.Kubernetes client", error.Message, StringComparison.Ordinal);
        Assert.Contains("UseKubernetes(config)", error.Message, StringComparison.Ordinal);
    }

    private static IHost Build(Func<IServiceProvider, IKubernetes> client)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddImagePrePullAgent("edge-1").UseKubernetes(client).AddCriPuller("/run/containerd/containerd.sock");
        return builder.Build();
    }

    /// <summary>An <see cref="IKubernetes"/> that is not a <see cref="Kubernetes"/>; only disposed.</summary>
    public class UnusedClient : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod?.Name == nameof(IDisposable.Dispose) ? null : throw new NotSupportedException(targetMethod?.Name);
    }
}
