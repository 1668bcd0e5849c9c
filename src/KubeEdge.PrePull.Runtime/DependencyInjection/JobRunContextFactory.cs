using System.Diagnostics.Metrics;
using k8s;
using KubeEdge.PrePull.Runtime.Agents;
using KubeEdge.PrePull.Runtime.Controller;
using KubeEdge.PrePull.Runtime.Events;
using KubeEdge.PrePull.Runtime.Options;
using KubeEdge.PrePull.Runtime.Pulling;
using KubeEdge.PrePull.Runtime.Telemetry;
using KubeEdge.PrePull.Selection;
using KubeEdge.PrePull.Status;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KubeEdge.PrePull.Runtime.DependencyInjection;

/// <summary>Turns the validated options into the core's option objects once, when the controller is created.</summary>
internal static class JobRunContextFactory
{
    public static JobRunContext Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ImagePrePullOptions>>().Value;
        var client = services.GetRequiredService<IKubernetes>();
        var time = services.GetRequiredService<TimeProvider>();
        var loggers = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var logger = loggers.CreateLogger("KubeEdge.PrePull.Controller");

        // Hosts built with Host.CreateApplicationBuilder have an IMeterFactory; a bare ServiceCollection may not.
        var meters = services.GetService<IMeterFactory>() ?? OwnMeterFactory.Instance;
        var scheduler = ((INodePullTuning)options).ToSchedulerOptions();
        // With AddEdgeAgents alone, nodes without an agent fail with a reason naming the label.
        var agentLabel = services.GetServices<EdgeAgentRegistration>().FirstOrDefault()?.NodeLabel;
        var pullers = services.GetService<IJobPullerFactory>()
            ?? (agentLabel is null ? services.GetRequiredService<IJobPullerFactory>() : new AgentOnlyPullerFactory(agentLabel));
        return new JobRunContext(
            client,
            pullers,
            options,
            new JobStatusBuilder(new StatusOptions { DetailLimit = options.DetailLimit }),
            scheduler,
            new NodeSelectionOptions { RequireEdgeLabel = options.RequireEdgeLabel, EdgeLabel = options.EdgeLabel },
            new JobEventRecorder(client, time, loggers.CreateLogger(Runtime.Events.Log.Category)),
            new PrePullMetrics(meters),
            time,
            logger,
            agentLabel,
            loggers,
            options.CreateRegistryBudget(time, new RegistryBudgetTelemetry(meters, logger)));
    }

    private sealed class OwnMeterFactory : IMeterFactory
    {
        public static readonly OwnMeterFactory Instance = new();

        public Meter Create(MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }
}
