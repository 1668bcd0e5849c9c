using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KubeEdge.PrePull.Cli.Commands.Demo;

/// <summary>The real controller in a generic host, built exactly as the README tells users to build theirs.</summary>
internal static class DemoController
{
    /// <summary>Status is flushed this often, so the live progress moves smoothly.</summary>
    public static readonly TimeSpan StatusFlushInterval = TimeSpan.FromMilliseconds(250);

    public static async Task<IHost> StartAsync(KubernetesClientConfiguration configuration, bool installCrd, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services
            .AddImagePrePull(o =>
            {
                // One process, one controller: nothing to elect. A real cluster may not have the CRD yet.
                o.LeaderElectionEnabled = false;
                o.StatusFlushInterval = StatusFlushInterval;
                o.InstallCrdOnStart = installCrd;
            })
            .UseKubernetes(configuration)
            .AddPodApplyPuller();
        var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return host;
    }
}
