using System.Text;
using k8s;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Testing.Faults;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// CHAOS TEST (issue 16, "Done when"): 300 simulated edge nodes, two samples/ControllerHost processes with leader
/// election, a v1alpha2 job with a private-registry secret in <c>default</c> (copied next to every pod), and, while
/// it runs, the leader repeatedly killed with <c>kill -9</c> (and replaced) or frozen with <c>kill -STOP</c> past
/// its Lease (and resumed), with injected 409 / 410 / 500 faults and a status outage. It must end with every node
/// Successful (each one really pulled), no node pulled again after the status recorded it Successful, no pod or
/// secret copy left, and the secret's password in no process output, event or status.
/// </summary>
public sealed class ChaosTests : ControllerTests
{
    private const string Job = "chaos";
    private const string Password = "Chaos-Marker-Pw-5c0e9d21";
    private const string Registry = "registry.chaos.example";
    private const int NodeCount = 300;

    [Fact]
    public async Task Chaos_300Nodes_TwoControllers_LeaderKilledAndFrozen_FaultsAndStatusOutage_EndsExactAndLeaksNothing()
    {
        var client = Cluster.Client;
        var faults = Cluster.Server.Faults;
        var nodes = Cluster.AddNodes(NodeCount);
        var kubelets = new ChaosKubeletPuller(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(300));
        Cluster.Server.Fleet.Puller = kubelets;
        await Cluster.CreateRegistrySecretAsync("default", "chaos-pull", Registry, "robot", Password);
        await using var controllers = new ControllerProcesses(
            Cluster.WriteKubeconfig(),
            ("ImagePrePull__StatusFlushInterval", "00:00:00.200"),
            ("ImagePrePull__DetailLimit", "100"),
            ("ImagePrePull__LeaderElection__LeaseDuration", "00:00:04"),
            ("ImagePrePull__LeaderElection__RenewDeadline", "00:00:03"),
            ("ImagePrePull__LeaderElection__RetryPeriod", "00:00:00.500"));
        var log = new List<string>();
        try
        {
            controllers.Start();
            controllers.Start();
            var leader = await controllers.WaitForLeaderAsync(client);
            var job = ControllerLifecycleTests.Job(Job, nodes, concurrency: 8, images: Registry + "/edge/app:v1");
            job.Spec!.ImagePrePullTemplate!.PullSecrets = ["default/chaos-pull"];
            await Cluster.CreateJobAsync(job);
            await using var recorder = new JobStatusRecorder(Cluster, Job);

            // Four rounds, each when the status has recorded more nodes; each hits the leader of the moment.
            string[] rounds = ["kill", "freeze", "kill+outage", "freeze"];
            int[] thresholds = [25, 75, 130, 190];
            for (var i = 0; i < rounds.Length; i++)
            {
                var threshold = thresholds[i];
                await ControllerCluster.UntilAsync(
                    () => Task.FromResult(recorder.SuccessfulCount >= threshold),
                    () => $"round {i}: the status records {threshold} nodes Successful (now {recorder.SuccessfulCount})");
                leader = await controllers.WaitForLeaderAsync(client);
                log.Add($"round {i} ({rounds[i]}) at {recorder.SuccessfulCount} recorded, {kubelets.Total} pulls: leader {leader}");
                InjectFaults(faults, i);
                if (rounds[i].StartsWith("kill", StringComparison.Ordinal))
                {
                    // With the outage, the leader dies while no status write lands, and its successor starts in the outage.
                    var outage = rounds[i].EndsWith("outage", StringComparison.Ordinal);
                    if (outage)
                    {
                        await StatusOutageAsync(faults, kubelets, log);
                    }

                    await controllers.KillAsync(leader);
                    var replacement = controllers.Start();
                    var next = await controllers.WaitForLeaderAsync(client, except: leader);
                    log.Add($"  killed {leader}, started {replacement}; {next} leads");
                    if (outage)
                    {
                        faults.Clear();
                        log.Add("  status outage over");
                    }
                }
                else
                {
                    await controllers.FreezeAsync(leader);
                    var next = await controllers.WaitForLeaderAsync(client, except: leader);
                    var pulls = kubelets.Total;
                    await ControllerCluster.UntilAsync(
                        () => Task.FromResult(kubelets.Total >= pulls + 15 || recorder.SuccessfulCount == NodeCount),
                        () => $"{next} pulls on while {leader} is frozen");
                    await controllers.ThawAsync(leader);
                    await ControllerCluster.UntilAsync(
                        () => Task.FromResult(controllers.OutputOf(leader).Any(l => l.Contains(leader + " lost leadership", StringComparison.Ordinal))),
                        () => $"{leader} sees on resume that it lost the Lease");
                    log.Add($"  froze {leader}; {next} took over and started {kubelets.Total - pulls} pulls; thawed {leader}");
                }
            }

            var done = await Cluster.WaitForJobAsync(Job, j => j.Status?.Phase is JobPhases.Completed or JobPhases.Failure, "finishes");
            recorder.Record(done, TimeProvider.System.GetTimestamp());
            await ControllerCluster.UntilAsync(async () => (await Cluster.PodsAsync()).Count == 0, () => "no pull pod is left");
            await ControllerCluster.UntilAsync(async () => (await Cluster.PodNamespaceSecretsAsync()).Count == 0, () => "no secret copy is left");
            log.Add($"done: {done.Status!.Phase}, {kubelets.Total} pulls for {NodeCount} nodes, {recorder.Reads} status reads, {faults.Pending} injected faults never hit");

            // Every node's final state is right: all Successful, each one really pulled.
            var status = done.Status!;
            Assert.True(status.Phase == JobPhases.Completed, $"phase {status.Phase}: {status.Reason}\n{string.Join('\n', log)}");
            Assert.Equal((NodeCount, NodeCount), (status.Summary!.Total, status.Summary.Successful));
            var successful = JobStatusRecorder.SuccessfulNodes(done);
            Assert.Equal(nodes.Order(StringComparer.Ordinal), successful.Order(StringComparer.Ordinal));
            Assert.All(nodes, n => Assert.True(kubelets.SucceededOn(n) >= 1, $"{n} is Successful but was never pulled to success"));

            // No node recorded Successful is pulled again.
            var repulled = nodes
                .Where(n => recorder.FirstSuccessful.TryGetValue(n, out var first) && kubelets.StartsOf(n).Any(s => s > first))
                .Select(n => $"{n} ({kubelets.StartsOf(n).Count} pulls)")
                .ToArray();
            Assert.True(repulled.Length == 0, $"{repulled.Length} nodes pulled again after the status recorded them Successful, e.g. {string.Join(", ", repulled.Take(10))}\n{string.Join('\n', log)}");

            // Nothing left behind in the pod namespace, and the only secret with the password is the user's own.
            Assert.Empty(await Cluster.PodsAsync());
            Assert.Empty(await Cluster.PodNamespaceSecretsAsync());
            var secrets = (await client.CoreV1.ListSecretForAllNamespacesAsync(cancellationToken: ControllerCluster.Ct)).Items;
            Assert.Equal(["default/chaos-pull"], secrets.Where(s => s.Type == "kubernetes.io/dockerconfigjson").Select(s => s.Metadata.NamespaceProperty + "/" + s.Metadata.Name));

            // No secret byte in any process's output, any event, or the job's status.
            var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("robot:" + Password));
            string[] markers = [Password, auth];
            var output = controllers.Output.ToArray();
            Assert.Contains(output, l => l.Contains("became the leader", StringComparison.Ordinal));
            Assert.DoesNotContain(output, l => markers.Any(m => l.Contains(m, StringComparison.Ordinal)));
            var events = KubernetesJson.Serialize((await client.CoreV1.ListEventForAllNamespacesAsync(cancellationToken: ControllerCluster.Ct)).Items);
            Assert.DoesNotContain(markers, m => events.Contains(m, StringComparison.Ordinal));
            var final = KubernetesJson.Serialize(await Cluster.GetJobAsync(Job));
            Assert.DoesNotContain(markers, m => final.Contains(m, StringComparison.Ordinal));
            TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', log));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException(
                string.Join('\n', log) + "\n" + controllers.Describe(40) + "\n" + e.Message);
        }
    }

    /// <summary>Each round's API faults: conflicts and errors on status writes and pod creates, expired watches.</summary>
    private static void InjectFaults(FaultInjector faults, int round)
    {
        faults.Add("imageprepulljobs/status", "patch", FaultKind.Conflict, times: 3);
        faults.Add("imageprepulljobs/status", "patch", FaultKind.InternalError, times: 2);
        faults.Add("pods", "create", round % 2 == 0 ? FaultKind.InternalError : FaultKind.Conflict, times: 4);
        faults.Add("secrets", "create", FaultKind.InternalError, times: 2);
        faults.Add("pods", "delete", FaultKind.InternalError, times: 2);
        faults.Add("pods", "watch", FaultKind.Gone, times: 2);
        faults.Add("imageprepulljobs", "watch", FaultKind.Gone, times: 1);
        faults.CloseWatches("pods");
        faults.CloseWatches("imageprepulljobs");
    }

    /// <summary>Starts a status outage (every status request fails) and returns once the fleet has pulled 40 more times in it.</summary>
    private static async Task StatusOutageAsync(FaultInjector faults, ChaosKubeletPuller kubelets, List<string> log)
    {
        var pulls = kubelets.Total;
        faults.Add("imageprepulljobs/status", "*", FaultKind.InternalError, times: 1_000_000);
        await ControllerCluster.UntilAsync(() => Task.FromResult(kubelets.Total >= pulls + 40), () => "the fleet pulls on during the status outage");
        log.Add($"  status outage began; {kubelets.Total - pulls} pulls in it");
    }
}
