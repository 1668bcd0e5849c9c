using System.Diagnostics.Metrics;
using KubeEdge.PrePull.Runtime.Agents;
using KubeEdge.PrePull.Runtime.ApiServer;
using KubeEdge.PrePull.Runtime.Options;
using KubeEdge.PrePull.Runtime.Pulling;
using KubeEdge.PrePull.Runtime.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KubeEdge.PrePull.Runtime.DependencyInjection;

/// <summary>Turns the validated agent options into the agent's context once, when the agent is created.</summary>
internal static class AgentContextFactory
{
    public static AgentContext Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ImagePrePullAgentOptions>>().Value;
        var loggers = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var logger = loggers.CreateLogger("KubeEdge.PrePull.Agent");
        var scheduler = ((INodePullTuning)options).ToSchedulerOptions();
        return new AgentContext(
            options.NodeName,
            services.GetRequiredService<ClusterConnection>(),
            services.GetRequiredService<IJobPullerFactory>(),
            scheduler,
            services.GetRequiredService<TimeProvider>(),
            logger,
            services.GetService<IMeterFactory>() is { } meters ? new PrePullMetrics(meters) : null,
            loggers,
            options.SecretGrant());
    }
}
