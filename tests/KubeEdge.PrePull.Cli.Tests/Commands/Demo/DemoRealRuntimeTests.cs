using System.CommandLine;
using System.Text.RegularExpressions;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Cli.Commands;
using KubeEdge.PrePull.Serialization;
using KubeEdge.PrePull.TestSupport;
using KubeEdge.PrePull.TestSupport.Runtimes;

namespace KubeEdge.PrePull.Cli.Tests.Commands.Demo;

/// <summary>
/// <c>demo --cri</c> / <c>--docker</c> against real daemons: the demo's own registries (real docker-registry with
/// htpasswd), real pulls through containerd or dockerd, both at their packaged defaults for registries (no hosts.toml,
/// no --insecure-registry): the runtimes reach plain-HTTP loopback registries on their own.
/// </summary>
public sealed partial class DemoRealRuntimeTests : IAsyncDisposable
{
    private const string Marker = "Real-Pa55-Marker-51d7";
    private const int Nodes = 20;

    private readonly string _dir = Directory.CreateTempSubdirectory("demo-runtime-tests-").FullName;
    private readonly List<IAsyncDisposable> _daemons = [];

    public async ValueTask DisposeAsync()
    {
        for (var i = _daemons.Count - 1; i >= 0; i--)
        {
            await _daemons[i].DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Demo_Cri_CompletesFromTheLocalRegistriesAndTheImagesAreInContainerd()
    {
        RequireDaemons(("containerd", "containerd"));
        var containerd = Own(await ContainerdDaemon.StartAsync(Daemons.Find("containerd")!, Path.Combine(_dir, "c"), registryHosts: null));

        var (job, output) = RunDemo("--cri", containerd.SocketPath);

        var listed = await ProcessRun.RunAsync(Daemons.Find("ctr") ?? "ctr", "--address", containerd.SocketPath, "--namespace", "k8s.io", "images", "ls", "--quiet");
        Assert.True(listed.ExitCode == 0, listed.Error);
        var images = listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.All(PulledImages(job), image => Assert.Contains(image, images));
        Assert.Contains("real pulls through containerd ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_Docker_CompletesFromTheLocalRegistriesAndTheImagesAreInTheEngine()
    {
        RequireDaemons(("containerd", "containerd"), ("dockerd", "docker.io"), ("docker", "docker.io"));
        var containerd = Own(await ContainerdDaemon.StartAsync(Daemons.Find("containerd")!, Path.Combine(_dir, "c"), registryHosts: null));
        var docker = Own(await DockerDaemon.StartAsync(Daemons.Find("dockerd")!, Path.Combine(_dir, "d"), containerd.SocketPath, registryHosts: []));

        var (job, output) = RunDemo("--docker", docker.SocketPath);

        foreach (var image in PulledImages(job))
        {
            var inspect = await ProcessRun.RunAsync(Daemons.Find("docker")!, "-H", $"unix://{docker.SocketPath}", "image", "inspect", "--format", "{{.Id}}", image);
            Assert.True(inspect.ExitCode == 0, $"{image}: {inspect.Error}");
        }

        Assert.Contains("real pulls through Docker Engine ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--cri")]
    [InlineData("--docker")]
    public void Demo_SocketMissing_IsOneLineNamingTheSocketAndExitCodeTwo(string option)
    {
        var socket = Path.Combine(_dir, "no-such-runtime", "runtime.sock");

        var (code, output, error) = CliRun.Run("demo", option, socket, "--output", _dir);

        Assert.Equal(2, code);
        Assert.DoesNotContain("registries", output, StringComparison.Ordinal);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"kubeedge-prepull: {option}: ", line, StringComparison.Ordinal);
        Assert.Contains(socket, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--cri, --docker: ", "--cri", "/run/a.sock", "--docker", "/run/b.sock")]
    [InlineData("--failure-rate: ", "--cri", "/run/a.sock", "--failure-rate", "0.1")]
    [InlineData("--seed: ", "--docker", "/run/b.sock", "--seed", "4")]
    public void Demo_RuntimeWithSimulationOptions_IsOneLineNamingTheOptionAndExitCodeTwo(string start, params string[] arguments)
    {
        var (code, output, error) = CliRun.Run(["demo", .. arguments]);

        Assert.Equal(2, code);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("kubeedge-prepull demo: " + start, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_RuntimeWithKubeconfig_IsOneLineAndExitCodeTwo()
    {
        var kubeconfig = CliRun.TempFile("apiVersion: v1\nkind: Config\n");
        try
        {
            var (code, output, error) = CliRun.Run("demo", "--kubeconfig", kubeconfig, "--docker", "/run/b.sock");

            Assert.Equal(2, code);
            Assert.Empty(output);
            Assert.Equal("kubeedge-prepull demo: --docker: not with --kubeconfig (a real cluster's nodes pull with their own runtime)", error.Trim());
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    /// <summary>
    /// Runs the demo on a small fleet with marker passwords and checks what any runtime must give: the job Completed with
    /// only the NotReady node failed, every image from a loopback registry with the region's secret, no password
    /// anywhere in the output or the status, and the registries' folder gone afterwards.
    /// </summary>
    private (ImagePrePullJob Job, string Output) RunDemo(string option, string socket)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var made = 0;
        var command = DemoCommand.Create(output, error, () => Marker + Interlocked.Increment(ref made));

        var code = command.Parse([option, socket, "--nodes", Nodes.ToString(System.Globalization.CultureInfo.InvariantCulture), "--output", _dir])
            .Invoke(new InvocationConfiguration { Output = output, Error = error });

        var text = output.ToString();
        Assert.True(code == 0, text + error);
        var yaml = File.ReadAllText(Path.Combine(_dir, "prepull-demo.yaml"));
        var job = ImagePrePullJobSerializer.Deserialize(yaml);
        Assert.Equal(JobPhases.Completed, job.Status!.Phase);
        Assert.Equal((Nodes, Nodes - 1, 1), (job.Status.Summary!.Total, job.Status.Summary.Successful, job.Status.Summary.Failed));
        var hangzhou = job.Status.NodeStatus!.Single(n => n.NodeName == "edge-node-00");
        Assert.Equal(["default/hangzhou-mirror-secret", "default/harbor-secret", "default/org-secret"], hangzhou.ImageStatus!.Select(i => i.Secret));
        Assert.Equal([false, true, false], hangzhou.ImageStatus!.Select(i => i.FallbackFrom is not null)); // the mirror lacks the second image
        var beijing = job.Status.NodeStatus!.Single(n => n.NodeName == "edge-node-02");
        Assert.Equal(["default/harbor-secret", "default/harbor-secret", "default/org-secret"], beijing.ImageStatus!.Select(i => i.Secret));
        Assert.All(PulledImages(job), image => Assert.StartsWith("127.0.0.1:", image, StringComparison.Ordinal));
        Assert.Matches(@"(?m)^hangzhou +7 +7 +0 +0 +127\.0\.0\.1:\d+, 127\.0\.0\.1:\d+ +default/hangzhou-mirror-secret, default/harbor-secret, default/org-secret$", text);
        Assert.DoesNotContain(Marker, text + error + yaml, StringComparison.Ordinal);
        var registries = RegistriesFolder().Match(text);
        Assert.True(registries.Success, text);
        Assert.False(Directory.Exists(registries.Groups[1].Value), "the demo's registries folder is deleted at exit");
        return (job, text);
    }

    private static IReadOnlyList<string> PulledImages(ImagePrePullJob job) =>
        [.. job.Status!.NodeStatus!.SelectMany(n => n.ImageStatus ?? []).Where(i => i.Status == "True").Select(i => i.ResolvedImage ?? i.Image!).Distinct(StringComparer.Ordinal)];

    private static void RequireDaemons(params (string Name, string Package)[] runtimes) =>
        Daemons.RequireAsRoot(runtimes.Prepend(("htpasswd", "apache2-utils")).Prepend(("docker-registry", "docker-registry")));

    private T Own<T>(T daemon)
        where T : IAsyncDisposable
    {
        _daemons.Add(daemon);
        return daemon;
    }

    [GeneratedRegex(@"data in (/\S+)\)")]
    private static partial Regex RegistriesFolder();
}
