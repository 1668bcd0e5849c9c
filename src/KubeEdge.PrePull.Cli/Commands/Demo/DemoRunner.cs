using System.Net;
using k8s;
using k8s.Autorest;
using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Cli.Commands.Demo;

/// <summary>
/// Runs the demo end to end: the target (embedded server and fleet, or a real cluster), the registry secrets, the
/// real controller in a generic host, the job, live progress from the job's status, the summary and the status file.
/// </summary>
/// <param name="settings">The options.</param>
/// <param name="display">Where progress and the summary go.</param>
/// <param name="error">Where a job that did not finish is reported.</param>
/// <param name="newPassword">Makes each secret's password (random by default; tests pass a marker to prove it never leaks).</param>
internal sealed class DemoRunner(DemoSettings settings, IDemoDisplay display, TextWriter error, Func<string> newPassword)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan JobLimit = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan CrdWaitLimit = TimeSpan.FromSeconds(30);

    /// <summary>Runs it; 0 when the job is Completed, 1 when it ends in Failure or does not end in time.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        // Made first: with --cri/--docker the demo's registries are started with the secrets' passwords.
        var passwords = DemoScenario.Simulated.Accounts.Select(_ => newPassword()).ToList();
        await using var target = settings.Kubeconfig is null
            ? await DemoTarget.StartEmbeddedAsync(settings, passwords, cancellationToken).ConfigureAwait(false)
            : DemoTarget.Connect(settings.Kubeconfig);
        var scenario = target.Scenario;
        display.Info(target.Description);
        var directory = settings.OutputDirectory is { } output
            ? Directory.CreateDirectory(output).FullName
            : Directory.CreateTempSubdirectory("kubeedge-prepull-demo-").FullName;
        if (target.Server is not null)
        {
            var kubeconfig = Path.Combine(directory, "kubeconfig");
            target.Server.WriteKubeconfig(kubeconfig);
            display.Info($"while it runs: kubectl --kubeconfig {kubeconfig} get imageprepulljobs,pods -A");
        }

        using var client = new Kubernetes(target.Configuration);
        for (var i = 0; i < scenario.Accounts.Count; i++)
        {
            await RegistrySecrets.ApplyAsync(client, scenario.Accounts[i], passwords[i], cancellationToken).ConfigureAwait(false);
        }

        display.Info($"secrets: {string.Join(", ", scenario.Accounts.Select(a => a.SecretRef))} (dockerconfigjson, random passwords, never printed)");
        var installCrd = target.Server is null && !await HasCrdAsync(client, cancellationToken).ConfigureAwait(false);
        var host = await DemoController.StartAsync(target.Configuration, installCrd, cancellationToken).ConfigureAwait(false);
        try
        {
            var job = scenario.Job(target.JobName, settings.Concurrency, settings.DeadlineSeconds);
            var started = TimeProvider.System.GetTimestamp();
            await CreateJobAsync(client, job, cancellationToken).ConfigureAwait(false);
            display.Info(Describe(job, scenario));
            using var comeBack = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var returning = Task.CompletedTask;
            if (target.Server is { } server && settings.DeadlineSeconds is { } deadline)
            {
                returning = await BringBackAsync(client, server, deadline, comeBack.Token).ConfigureAwait(false);
            }

            var final = await display.TrackAsync(report => PollAsync(client, job.Metadata.Name, started, report, cancellationToken)).ConfigureAwait(false);
            await comeBack.CancelAsync().ConfigureAwait(false);
            await returning.ConfigureAwait(false);
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            var phase = final?.Status?.Phase;
            if (final is null || phase is not (JobPhases.Completed or JobPhases.Failure))
            {
                await error.WriteLineAsync($"kubeedge-prepull: job {job.Metadata.Name} did not finish within {JobLimit.TotalMinutes} minutes (phase {phase ?? "none"})").ConfigureAwait(false);
                return 1;
            }

            var file = Path.Combine(directory, final.Metadata.Name + ".yaml");
            await File.WriteAllTextAsync(file, KubernetesYaml.Serialize(final), cancellationToken).ConfigureAwait(false);
            var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            display.Summary(DemoReportBuilder.Build(final, nodes.Items, elapsed, file));
            return phase == JobPhases.Completed ? 0 : 1;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            host.Dispose();
        }
    }

    private static string Describe(ImagePrePullJob job, DemoScenario scenario)
    {
        var template = job.Spec.ImagePrePullTemplate!;
        var regions = string.Join(", ", scenario.Mirrors.Select(m => $"{m.Region} -> {m.Mirror.Registry} with {m.Mirror.SecretRef}"));
        var deadline = job.Spec.CompletionPolicy?.ActiveDeadlineSeconds is { } seconds ? $", activeDeadlineSeconds {seconds}" : string.Empty;
        return $"job {job.Metadata.Name}: {template.Images!.Count} images, pullSecrets {string.Join(", ", template.PullSecrets!)}, "
            + $"concurrency {template.Concurrency}, failureTolerate {template.FailureTolerate}{deadline}; overrides: {regions}";
    }

    /// <summary>
    /// A deadline at work (docs/design.md §2 "Execution"): every NotReady edge node but the last comes back online a
    /// third of the way to the deadline and is pulled then; the last stays offline and fails at the deadline.
    /// </summary>
    /// <returns>The task that brings them back (it ends early when cancelled).</returns>
    private async Task<Task> BringBackAsync(Kubernetes client, Testing.EmbeddedApiServer server, int deadlineSeconds, CancellationToken cancellationToken)
    {
        var offline = (await client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Items
            .Where(n => n.Metadata.Labels?.ContainsKey(Testing.Fleet.NodeFleetOptions.EdgeRoleLabel) == true
                && n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") != true)
            .Select(n => n.Metadata.Name)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (offline.Count == 0)
        {
            return Task.CompletedTask;
        }

        var returning = offline.Count == 1 ? offline : offline[..^1];
        var after = TimeSpan.FromSeconds(deadlineSeconds / 3.0);
        display.Info($"deadline: {returning.Count} of the {offline.Count} NotReady nodes come back online after {after.TotalSeconds:0.#} s and are pulled then; "
            + (offline.Count > returning.Count ? $"{offline[^1]} stays offline and fails at the deadline ({deadlineSeconds} s)" : "none stays offline"));
        return ComeBackAsync();

        async Task ComeBackAsync()
        {
            try
            {
                await Task.Delay(after, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            foreach (var node in returning)
            {
                server.Fleet.SetReady(node, ready: true);
            }
        }
    }

    /// <summary>Whether the cluster serves ImagePrePullJobs already (the embedded server always does).</summary>
    private static async Task<bool> HasCrdAsync(Kubernetes client, CancellationToken cancellationToken)
    {
        try
        {
            await client.CustomObjects.ListClusterCustomObjectAsync(ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, limit: 1, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Creates the job; on a real cluster the controller may still be installing the CRD, so a 404 is retried for a while.</summary>
    private static async Task CreateJobAsync(Kubernetes client, ImagePrePullJob job, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try
            {
                await client.CustomObjects.CreateClusterCustomObjectAsync(job, ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound && TimeProvider.System.GetElapsedTime(started) < CrdWaitLimit)
            {
                await Task.Delay(PollInterval, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<ImagePrePullJob?> PollAsync(Kubernetes client, string name, long started, Action<JobProgress> report, CancellationToken cancellationToken)
    {
        while (true)
        {
            var raw = await client.CustomObjects.GetClusterCustomObjectAsync(ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, name, cancellationToken: cancellationToken).ConfigureAwait(false);
            var job = KubernetesJson.Deserialize<ImagePrePullJob>(KubernetesJson.Serialize(raw));
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            var progress = JobProgress.From(job, elapsed);
            report(progress);
            if (progress.IsFinished || elapsed > JobLimit)
            {
                return job;
            }

            await Task.Delay(PollInterval, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
    }
}
