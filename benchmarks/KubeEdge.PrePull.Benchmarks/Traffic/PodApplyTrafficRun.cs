using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Benchmarks.Scaling;
using KubeEdge.PrePull.Runtime.Tests.Controller;
using KubeEdge.PrePull.Testing.Fleet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KubeEdge.PrePull.Benchmarks.Traffic;

/// <summary>
/// The controller's cost per node with the PodApply backend (issue 21 §1), alone in its process: the embedded API
/// server and its simulated kubelets run in a child process (<see cref="FleetServerProcess"/>), so allocations and first-chance
/// exceptions counted here are the controller's (and this run's poll of the job, one GET a second). Two jobs run one
/// after the other over every node; the first warms up (JIT, caches, connections), the second is measured.
/// </summary>
internal static class PodApplyTrafficRun
{
    private const int Concurrency = 500;

    /// <summary><c>podapply-traffic [nodes]</c>: measures and prints a markdown table.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var nodes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000;
        await using var server = FleetServerProcess.Start(nodes);
        var uri = server.Uri;
        try
        {
            var counter = new RequestCounter();
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Services.AddImagePrePull(o => o.LeaderElectionEnabled = false)
                .UseKubernetes(_ => new Kubernetes(new KubernetesClientConfiguration { Host = uri }, counter))
                .AddPodApplyPuller();
            using var host = builder.Build();
            await host.StartAsync();
            using var client = new Kubernetes(new KubernetesClientConfiguration { Host = uri });

            await RunJobAsync(client, "warm-up");
            using var sampler = Environment.GetEnvironmentVariable("PREPULL_ALLOCATION_TYPES") == "1" ? new AllocationSampler() : null;
            var exceptions = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
            EventHandler<System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs> onException =
                (_, e) => exceptions.AddOrUpdate(e.Exception.GetType().Name, 1, static (_, n) => n + 1);
            var requestsBefore = new Dictionary<string, int>(counter.Counts, StringComparer.Ordinal);
            var gcBefore = GC.CollectionCount(0);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            AppDomain.CurrentDomain.FirstChanceException += onException;
            sampler?.Start();
            var (phase, succeeded, wall) = await RunJobAsync(client, "measured");
            sampler?.Stop();
            AppDomain.CurrentDomain.FirstChanceException -= onException;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var gen0 = GC.CollectionCount(0) - gcBefore;
            await host.StopAsync();

            var requests = counter.Counts.ToDictionary(p => p.Key, p => p.Value - requestsBefore.GetValueOrDefault(p.Key), StringComparer.Ordinal);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PodApply traffic, {nodes:N0} nodes x 2 images (disk check), concurrency {Concurrency}: {phase}, {succeeded:N0} succeeded, {wall.TotalSeconds:F1} s, controller CPU {cpu.TotalMilliseconds / nodes:F2} ms per node, {gen0} gen0 GCs"));
            Console.WriteLine();
            Console.WriteLine("| Per node | Value |");
            Console.WriteLine("|---|---|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| API requests (all) | {(double)requests.Values.Sum() / nodes:F3} |"));
            foreach (var (kind, count) in requests.Where(p => p.Value > 0).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `{kind}` | {(double)count / nodes:F3} ({count:N0}) |"));
            }

            var exceptionText = string.Join(", ", exceptions.OrderByDescending(p => p.Value).Select(p => p.Key + " " + p.Value.ToString(CultureInfo.InvariantCulture)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| first-chance exceptions | {(double)exceptions.Values.Sum() / nodes:F3} ({exceptionText}) |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| allocated by the controller process | {allocated / 1024.0 / nodes:F1} KB |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| controller CPU (user + system) | {cpu.TotalMilliseconds / nodes:F2} ms |"));
            if (sampler is not null)
            {
                Console.WriteLine();
                Console.WriteLine("| Allocated type (sampled) | Per node | Share |");
                Console.WriteLine("|---|---|---|");
                foreach (var row in sampler.Rows(40, nodes))
                {
                    Console.WriteLine(row);
                }
            }

            return phase == JobPhases.Completed && succeeded == nodes ? 0 : 1;
        }
        finally
        {
            await server.StopAsync(); // The child stops when its input ends.
        }
    }

    private static async Task<(string Phase, int Succeeded, TimeSpan Wall)> RunJobAsync(Kubernetes client, string name)
    {
        var job = new ImagePrePullJob
        {
            ApiVersion = ImagePrePullJobNames.GroupVersionV1Alpha2,
            Kind = ImagePrePullJobNames.Kind,
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new ImagePrePullJobSpec
            {
                ImagePrePullTemplate = new ImagePrePullTemplate
                {
                    Images = ["nginx:1.27", "registry.example.org/edge/agent:2"],
                    LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [NodeFleetOptions.EdgeRoleLabel] = string.Empty } },
                    CheckItems = [CheckItems.Disk],
                    Concurrency = Concurrency,
                },
            },
        };
        var clock = Stopwatch.StartNew();
        await client.CustomObjects.CreateClusterCustomObjectAsync(job, ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural);
        while (clock.Elapsed < TimeSpan.FromMinutes(20))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var json = await client.CustomObjects.GetClusterCustomObjectAsync(ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, name);
            var status = KubernetesJson.Deserialize<ImagePrePullJob>(KubernetesJson.Serialize(json)).Status;
            if (status?.Phase is JobPhases.Completed or JobPhases.Failure)
            {
                return (status.Phase, status.Summary?.Successful ?? 0, clock.Elapsed);
            }
        }

        return ("(not finished)", 0, clock.Elapsed);
    }
}
