using System.Net;
using k8s;
using k8s.Autorest;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Jobs;
using KubeEdge.PrePull.Testing;
using Microsoft.Extensions.Hosting;

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

    /// <summary>
    /// Runs it; 0 when the job is Completed, 1 when it ends in Failure or does not end in time. With
    /// <see cref="DemoSettings.Keep"/> the server and the controller then run on until <paramref name="cancellationToken"/>
    /// is cancelled. Cancelled (SIGINT, SIGTERM), it stops the controller, the server and the registries, deletes their
    /// folders and the demo's own temp folder unless the summary already pointed at it, and throws.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        // Made first: with --cri/--docker the demo's registries are started with the secrets' passwords.
        var passwords = DemoScenario.Simulated.Accounts.Select(_ => newPassword()).ToList();
        await using var target = settings.Kubeconfig is null
            ? await DemoTarget.StartEmbeddedAsync(settings, passwords, cancellationToken).ConfigureAwait(false)
            : DemoTarget.Connect(settings.Kubeconfig);
        display.Info(target.Description);
        var directory = settings.OutputDirectory is { } output
            ? Directory.CreateDirectory(output).FullName
            : Directory.CreateTempSubdirectory("kubeedge-prepull-demo-").FullName;
        var summarized = false;
        try
        {
            string? kubeconfig = null;
            if (target.Server is not null)
            {
                kubeconfig = Path.Combine(directory, "kubeconfig");
                target.Server.WriteKubeconfig(kubeconfig);
                display.Info($"while it runs: kubectl --kubeconfig {kubeconfig} get imageprepulljobs,pods -A");
            }

            using var client = new Kubernetes(target.Configuration);
            var host = await StartControllerAsync(client, target, passwords, cancellationToken).ConfigureAwait(false);
            try
            {
                var (code, report) = await RunJobAsync(client, target, directory, cancellationToken).ConfigureAwait(false);
                if (report is not null)
                {
                    display.Summary(report);
                    summarized = true;
                }

                if (settings.Keep && kubeconfig is not null)
                {
                    await KeepAsync(target.Server!, kubeconfig, cancellationToken).ConfigureAwait(false);
                }

                return code;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
                host.Dispose();
            }
        }
        finally
        {
            // Without a summary the folder holds only a kubeconfig of a server that is gone.
            if (settings.OutputDirectory is null && !summarized)
            {
                DeleteQuietly(directory);
            }
        }
    }

    /// <summary>The registry secrets, then the real controller in its host.</summary>
    private async Task<IHost> StartControllerAsync(Kubernetes client, DemoTarget target, List<string> passwords, CancellationToken cancellationToken)
    {
        var scenario = target.Scenario;
        for (var i = 0; i < scenario.Accounts.Count; i++)
        {
            await RegistrySecrets.ApplyAsync(client, scenario.Accounts[i], passwords[i], cancellationToken).ConfigureAwait(false);
        }

        display.Info($"secrets: {string.Join(", ", scenario.Accounts.Select(a => a.SecretRef))} (dockerconfigjson, random passwords, never printed)");
        var installCrd = target.Server is null && !await HasCrdAsync(client, cancellationToken).ConfigureAwait(false);
        return await DemoController.StartAsync(target.Configuration, installCrd, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the job and follows it to its end; the report is <see langword="null"/> when it did not end in time.</summary>
    private async Task<(int Code, DemoReport? Report)> RunJobAsync(Kubernetes client, DemoTarget target, string directory, CancellationToken cancellationToken)
    {
        var scenario = target.Scenario;
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
            return (1, null);
        }

        var file = Path.Combine(directory, final.Metadata.Name + ".yaml");
        await File.WriteAllTextAsync(file, KubernetesYaml.Serialize(final), cancellationToken).ConfigureAwait(false);
        var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return (phase == JobPhases.Completed ? 0 : 1, DemoReportBuilder.Build(final, nodes.Items, elapsed, file));
    }

    /// <summary><c>--keep</c>: says how to reach the server and how to stop, then waits for the signal.</summary>
    private async Task KeepAsync(EmbeddedApiServer server, string kubeconfig, CancellationToken cancellationToken)
    {
        display.Info($"kept running: the API server {server.Uri} and the controller; kubeconfig: {kubeconfig}");
        display.Info($"  kubectl --kubeconfig {kubeconfig} get imageprepulljobs,nodes");
        display.Info("press Ctrl+C (or send SIGTERM) to stop them");
        await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken).ConfigureAwait(false);
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleaning.
        }
    }

    // docs/design.md §2 "Overrides": which images a rule touches, and whether it falls back.
    private static string Scope(ImagePrePullOverrider? rule) => rule?.ImagePrefixes is { Count: > 0 } prefixes
        ? $" (images {string.Join(", ", prefixes.Select(p => p + "*"))}{(rule.FallbackToOriginal == true ? ", falling back to the original" : string.Empty)})"
        : string.Empty;

    private static string Describe(ImagePrePullJob job, DemoScenario scenario)
    {
        var template = job.Spec.ImagePrePullTemplate!;
        var rules = job.Spec.ImagePrePullOverriders ?? [];
        var regions = string.Join(", ", scenario.Mirrors.Select((m, i) => $"{m.Region} -> {m.Mirror.Registry} with {m.Mirror.SecretRef}{Scope(rules.ElementAtOrDefault(i))}"));
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
            await new ImagePrePullJobClient(client).ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
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
                await new ImagePrePullJobClient(client).CreateAsync(job, cancellationToken).ConfigureAwait(false);
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
        var jobs = new ImagePrePullJobClient(client);
        while (true)
        {
            var job = await jobs.GetAsync(name, cancellationToken).ConfigureAwait(false)
                ?? throw new CliException($"the job {name} was deleted while the demo waited for it");
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
