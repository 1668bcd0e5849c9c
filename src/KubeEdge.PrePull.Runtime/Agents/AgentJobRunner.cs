using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Pulling;
using KubeEdge.PrePull.Runtime.Telemetry;
using KubeEdge.PrePull.Scheduling;
using KubeEdge.PrePull.Status;

namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>
/// Runs this node's part of one job: its plan, then the core scheduler with this node alone and the node-local
/// puller, so check items, retries with backoff, the node timeout and the pull policy work as on the controller.
/// The result is the terminal entry to write back, built by the converter the controller uses.
/// </summary>
internal sealed class AgentJobRunner(AgentContext context)
{
    /// <summary>Runs the node; cancelling stops the pull in flight and yields no result.</summary>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public async Task<ImagePrePullNodeTaskStatus> RunAsync(ImagePrePullJob job, CancellationToken cancellationToken)
    {
        var name = job.Metadata.Name;
        var node = context.NodeName;
        JobSettings settings;
        AgentPlan planned;
        try
        {
            settings = JobSettings.FromTemplate(job.Spec.ImagePrePullTemplate
                ?? throw new ArgumentException("spec.imagePrePullTemplate is required", nameof(job)));
            planned = await new AgentPlanner(context).PlanAsync(job, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            // A job the controller accepted but this node cannot plan: the node fails with the planner's reason
            // (it names fields, never secret data) instead of retrying forever.
            var reason = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal);
            return NodeStatusConverter.ToStatus(NodeTaskResult.Failed(node, reason));
        }

        foreach (var problem in planned.Plan.SecretProblems)
        {
            Log.SecretSkipped(context.Logger, name, problem.ToString());
        }

        Log.RunStarted(context.Logger, name, node, job.Spec.ImagePrePullTemplate!.Images?.Count ?? 0, planned.SecretsRead);
        var inner = context.Pullers.CreateForJob(job);

        // The same pull metrics as the controller's (by result and backend), when the host has meters.
        IImagePuller puller = context.Metrics is { } metrics ? new InstrumentedPuller(inner, metrics, context.Time) : inner;
        try
        {
            var run = new JobScheduler(puller, context.SchedulerOptions, context.Time)
                .Start([NodeTaskResult.Pending(node)], planned, settings, cancellationToken);
            var outcome = await run.Completion.ConfigureAwait(false);
            var result = outcome.Nodes.Single(n => n.NodeName == node);
            Log.RunFinished(context.Logger, name, node, result.Phase, result.Reason);
            context.Metrics?.NodeFinished(result.Phase);
            return NodeStatusConverter.ToStatus(result);
        }
        finally
        {
            // The instrumented wrapper forwards disposal to the shared puller's wrapper, which keeps the runtime open.
            await PullerDisposal.DisposeAsync(puller).ConfigureAwait(false);
        }
    }
}
