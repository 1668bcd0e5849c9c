using System.Globalization;
using k8s;
using KubeEdge.PrePull.Runtime.LeaderElection;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// Replicas of samples/ControllerHost as separate processes against one embedded server, leader election on with
/// short real-time durations; each replica's Lease identity names its generation (<c>chaos-N</c>) so the test maps
/// the Lease holder to a process. Signals go through the real <c>kill</c> command, as an operator sends them.
/// Every generation's output is kept after it ends. Disposing kills the ones still running.
/// </summary>
internal sealed class ControllerProcesses : IAsyncDisposable
{
    public const string LeaseNamespace = "kubeedge-prepull";
    private readonly string _kubeconfig;
    private readonly (string Name, string? Value)[] _settings;
    private readonly List<(string Identity, SampleProcess Process)> _all = [];
    private readonly HashSet<string> _alive = new(StringComparer.Ordinal);

    public ControllerProcesses(string kubeconfig, params (string Name, string? Value)[] settings)
    {
        _kubeconfig = kubeconfig;
        _settings = settings;
    }

    /// <summary>The identities of the replicas not killed.</summary>
    public IReadOnlyCollection<string> Alive => _alive;

    /// <summary>Every line every generation wrote, with the generation's identity in front.</summary>
    public IEnumerable<string> Output => _all.SelectMany(r => r.Process.Output.Select(l => r.Identity + ": " + l));

    /// <summary>The lines one replica wrote.</summary>
    public IReadOnlyCollection<string> OutputOf(string identity) => Find(identity).Output;

    /// <summary>For a failure message: each generation, whether it still runs, and its last lines.</summary>
    public string Describe(int lines) => string.Join(
        '\n',
        _all.Select(r => $"--- {r.Identity} ({(r.Process.HasExited ? "exited" : _alive.Contains(r.Identity) ? "running" : "killed")}), last lines:\n"
            + string.Join('\n', r.Process.Output.TakeLast(lines))));

    /// <summary>Starts the next generation's replica and returns its identity.</summary>
    public string Start()
    {
        var identity = "chaos-" + _all.Count.ToString(CultureInfo.InvariantCulture);
        var process = SampleProcess.Start(
            "ControllerHost",
            [.. _settings, ("KUBECONFIG", _kubeconfig), ("ImagePrePull__LeaderElection__Identity", identity), ("ImagePrePull__LeaderElection__LeaseNamespace", LeaseNamespace)]);
        _all.Add((identity, process));
        _alive.Add(identity);
        return identity;
    }

    /// <summary>The Lease's holder, or <see langword="null"/> while there is none (or no Lease yet).</summary>
    public static async Task<string?> HolderAsync(Kubernetes client)
    {
        try
        {
            var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(LeaderElectionOptions.DefaultLeaseName, LeaseNamespace, cancellationToken: ControllerCluster.Ct);
            return string.IsNullOrEmpty(lease.Spec?.HolderIdentity) ? null : lease.Spec.HolderIdentity;
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Waits until a replica other than <paramref name="except"/> that is alive holds the Lease, and returns it.</summary>
    public async Task<string> WaitForLeaderAsync(Kubernetes client, string? except = null)
    {
        string? holder = null;
        await ControllerCluster.UntilAsync(
            async () =>
            {
                holder = await HolderAsync(client);
                return holder is not null && holder != except && _alive.Contains(holder);
            },
            () => $"a live replica other than {except ?? "none"} leads; the Lease holder is {holder ?? "none"}");
        return holder!;
    }

    /// <summary><c>kill -9</c>: the replica dies at once, without a word or a Lease release.</summary>
    public async Task KillAsync(string identity)
    {
        var process = Find(identity);
        await SignalAsync(process, "-KILL");
        await process.WaitForExitAsync();
        _alive.Remove(identity);
    }

    /// <summary><c>kill -STOP</c>: the replica freezes, its clocks and sockets with it.</summary>
    public Task FreezeAsync(string identity) => SignalAsync(Find(identity), "-STOP");

    /// <summary><c>kill -CONT</c>: the frozen replica goes on where it stopped.</summary>
    public Task ThawAsync(string identity) => SignalAsync(Find(identity), "-CONT");

    private SampleProcess Find(string identity) => _all.Single(r => r.Identity == identity).Process;

    private static async Task SignalAsync(SampleProcess process, string signal)
    {
        var run = await ProcessRun.RunAsync("kill", signal, process.ProcessId.ToString(CultureInfo.InvariantCulture));
        Assert.True(run.ExitCode == 0, $"kill {signal} {process.ProcessId}: {run.Error}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (identity, process) in _all)
        {
            if (_alive.Contains(identity))
            {
                // A frozen process must run again to die cleanly with its output read.
                await ProcessRun.RunAsync("kill", "-CONT", process.ProcessId.ToString(CultureInfo.InvariantCulture));
            }

            await process.DisposeAsync();
        }
    }
}
