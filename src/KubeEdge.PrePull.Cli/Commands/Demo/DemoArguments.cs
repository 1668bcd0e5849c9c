using System.CommandLine;
using System.Globalization;

namespace KubeEdge.PrePull.Cli.Commands.Demo;

/// <summary>
/// The demo's options. They are read as text and checked here rather than by the parser so that a bad value is one
/// line naming the option and exit code 2, not the parser's generic error and help text.
/// </summary>
internal sealed class DemoArguments
{
    public Option<string> Nodes { get; } = new("--nodes") { Description = $"Edge nodes in the simulated fleet (default {DemoSettings.DefaultNodes})." };

    public Option<string> Concurrency { get; } = new("--concurrency") { Description = $"The job's concurrency: nodes in flight (default {DemoSettings.DefaultConcurrency})." };

    public Option<string> FailureRate { get; } = new("--failure-rate") { Description = "Share of simulated pulls that fail with a registry error, 0 to 1 (default 0.02)." };

    public Option<string> Seed { get; } = new("--seed") { Description = $"Seed of the simulated latencies and failures (default {DemoSettings.DefaultSeed})." };

    public Option<string> Deadline { get; } = new("--deadline")
    {
        Description = $"Give the job an active deadline of this many seconds (1 to {DemoSettings.MaxDeadlineSeconds}): its NotReady nodes wait for Ready instead of failing; on the embedded fleet some come back online during the run and are pulled, the last stays offline and fails at the deadline.",
        HelpName = "seconds",
    };

    public Option<string> Output { get; } = new("--output") { Description = "Directory for the final status YAML (default a new temp directory)." };

    public Option<string> Kubeconfig { get; } = new("--kubeconfig") { Description = "Run the job on this real cluster instead of the embedded one (creates the demo secrets and job there)." };

    public Option<string> Cri { get; } = new("--cri")
    {
        Description = "Pull for real through the CRI runtime at this socket (e.g. /run/containerd/containerd.sock), from two plain-HTTP loopback registries the demo starts (needs docker-registry and htpasswd; see docs/demo.md).",
        HelpName = "socket",
    };

    public Option<string> Docker { get; } = new("--docker")
    {
        Description = "Pull for real through the Docker Engine at this socket (e.g. /var/run/docker.sock), from two plain-HTTP loopback registries the demo starts (needs docker-registry and htpasswd; see docs/demo.md).",
        HelpName = "socket",
    };

    public Option<bool> Keep { get; } = new("--keep") { Description = "Keep the embedded API server and the controller running after the job, to explore with kubectl; Ctrl+C stops them." };

    public IEnumerable<Option> All => [Nodes, Concurrency, FailureRate, Seed, Deadline, Output, Kubeconfig, Cri, Docker, Keep];

    /// <summary>The settings, or <see langword="null"/> and the first problem.</summary>
    public DemoSettings? Read(ParseResult parsed, out string? problem)
    {
        problem = null;
        var nodes = Integer(parsed, Nodes, DemoSettings.DefaultNodes, 1, DemoSettings.MaxNodes, ref problem);
        var concurrency = Integer(parsed, Concurrency, DemoSettings.DefaultConcurrency, 1, DemoSettings.MaxConcurrency, ref problem);
        var seed = Integer(parsed, Seed, DemoSettings.DefaultSeed, int.MinValue, int.MaxValue, ref problem);
        var rate = Rate(parsed, ref problem);
        int? deadline = parsed.GetValue(Deadline) is null ? null : Integer(parsed, Deadline, 0, 1, DemoSettings.MaxDeadlineSeconds, ref problem);
        var output = parsed.GetValue(Output);
        if (problem is null && output is not null && (output.Length == 0 || File.Exists(output)))
        {
            problem = $"--output: '{output}' is not a directory";
        }

        var kubeconfig = parsed.GetValue(Kubeconfig);
        if (problem is null && kubeconfig is not null && !File.Exists(kubeconfig))
        {
            problem = $"--kubeconfig: {kubeconfig}: no such file";
        }

        var keep = parsed.GetValue(Keep);
        if (problem is null && keep && kubeconfig is not null)
        {
            problem = $"{Keep.Name}: only for the embedded API server; with {Kubeconfig.Name} the cluster keeps running anyway";
        }

        var runtime = problem is null ? Runtime(parsed, kubeconfig, ref problem) : null;
        return problem is null
            ? new DemoSettings { Nodes = nodes, Concurrency = concurrency, Seed = seed, FailureRate = rate, DeadlineSeconds = deadline, OutputDirectory = output, Kubeconfig = kubeconfig, Runtime = runtime, Keep = keep }
            : null;
    }

    /// <summary>The runtime of <c>--cri</c> or <c>--docker</c>; they replace the simulated pulls, so the options that tune those do not go with them.</summary>
    private RealRuntime? Runtime(ParseResult parsed, string? kubeconfig, ref string? problem)
    {
        var cri = parsed.GetValue(Cri);
        var docker = parsed.GetValue(Docker);
        if (cri is null && docker is null)
        {
            return null;
        }

        var (option, socket) = cri is not null ? (Cri.Name, cri) : (Docker.Name, docker!);
        problem = (cri, docker, kubeconfig) switch
        {
            ({ }, { }, _) => "--cri, --docker: give one runtime, not both",
            (_, _, { }) => $"{option}: not with --kubeconfig (a real cluster's nodes pull with their own runtime)",
            _ when parsed.GetResult(FailureRate) is not null => $"{FailureRate.Name}: only for simulated pulls; with {option} the registries' real answers decide",
            _ when parsed.GetResult(Seed) is not null => $"{Seed.Name}: only for simulated pulls; with {option} nothing is random",
            _ when socket.Length == 0 => $"{option}: expected the runtime's socket path, got ''",
            _ => null,
        };
        return problem is null
            ? new RealRuntime(cri is not null ? RuntimeKind.Cri : RuntimeKind.Docker, Path.GetFullPath(socket))
            : null;
    }

    private static int Integer(ParseResult parsed, Option<string> option, int fallback, int min, int max, ref string? problem)
    {
        var text = parsed.GetValue(option);
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        problem ??= min == int.MinValue
            ? $"{option.Name}: expected a whole number, got '{text}'"
            : $"{option.Name}: expected a whole number from {min} to {max}, got '{text}'";
        return fallback;
    }

    private double Rate(ParseResult parsed, ref string? problem)
    {
        var text = parsed.GetValue(FailureRate);
        if (text is null)
        {
            return DemoSettings.DefaultFailureRate;
        }

        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1)
        {
            return value;
        }

        problem ??= $"{FailureRate.Name}: expected a number from 0 to 1, got '{text}'";
        return DemoSettings.DefaultFailureRate;
    }
}
