using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using KubeEdge.PrePull.TestSupport;
using KubeEdge.PrePull.TestSupport.Runtimes;

namespace KubeEdge.PrePull.Cli.Tests;

/// <summary>
/// The built tool in its own process, stopped with real signals: every command stops, removes what it started
/// (controller, API server, registries, temp folders) and exits 130 after SIGINT, 143 after SIGTERM. The deadline of
/// each wait is generous; the point is that the tool stops, not how fast.
/// </summary>
public sealed partial class TerminationSignalsTests : IAsyncDisposable
{
    private const string DemoPrefix = "kubeedge-prepull-";

    private readonly string _temp = Directory.CreateTempSubdirectory("signal-tests-").FullName;
    private readonly List<IAsyncDisposable> _owned = [];

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        Directory.Delete(_temp, recursive: true);
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task Demo_Plain_SignalDuringTheJob_StopsDeletesItsTempFolderAndExitsWithTheSignalsCode(string signal, int expected)
    {
        var tool = Own(CliProcess.Start(_temp, terminal: false, "demo", "--nodes", "3000", "--concurrency", "5"));
        await tool.WaitForOutputAsync(" InProgress ");
        Assert.NotEmpty(DemoFolders());

        await tool.SignalAsync(signal);

        Assert.Equal(expected, await tool.WaitForExitAsync());
        Assert.EndsWith($"kubeedge-prepull: stopped by SIG{signal}", tool.Text.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("final status:", tool.Text, StringComparison.Ordinal);
        Assert.Empty(DemoFolders());
    }

    [Fact]
    public async Task Demo_Live_ControlCOnTheTerminal_StopsDeletesItsTempFolderAndExits130()
    {
        var tool = Own(CliProcess.Start(_temp, terminal: true, "demo", "--nodes", "3000", "--concurrency", "5"));

        // The progress bars' labels: the live display runs.
        await tool.WaitForOutputAsync("in progress");
        Assert.Contains("\u001b[", tool.Text, StringComparison.Ordinal);
        Assert.NotEmpty(DemoFolders());

        tool.TypeControlC();

        Assert.Equal(130, await tool.WaitForExitAsync());
        Assert.Contains("stopped by SIGINT", tool.Text, StringComparison.Ordinal);
        Assert.Empty(DemoFolders());
    }

    [Fact]
    public async Task Demo_Cri_SigtermDuringTheJob_StopsTheRegistriesAndDeletesTheirFolderWithItsHtpasswdFiles()
    {
        Daemons.RequireAsRoot(("docker-registry", "docker-registry"), ("htpasswd", "apache2-utils"), ("containerd", "containerd"));
        var containerd = Own(await ContainerdDaemon.StartAsync(Daemons.Find("containerd")!, Path.Combine(_temp, "containerd"), registryHosts: null));
        var tool = Own(CliProcess.Start(_temp, terminal: false, "demo", "--cri", containerd.SocketPath, "--nodes", "300", "--concurrency", "1"));
        await tool.WaitForOutputAsync(" InProgress ");
        var registries = RegistryHosts().Match(tool.Text);
        Assert.True(registries.Success, tool.Text);
        var folder = Assert.Single(DemoFolders(), f => Path.GetFileName(f).StartsWith(DemoPrefix + "registries-", StringComparison.Ordinal));
        Assert.NotEmpty(Directory.GetFiles(folder, "htpasswd", SearchOption.AllDirectories));

        await tool.SignalAsync("TERM");

        Assert.Equal(143, await tool.WaitForExitAsync());
        Assert.Empty(DemoFolders());
        foreach (var port in new[] { registries.Groups[1].Value, registries.Groups[2].Value })
        {
            Assert.False(await AnswersAsync(int.Parse(port, CultureInfo.InvariantCulture)), $"the registry on port {port} is stopped");
        }
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task Validate_BlockedReadingAPipe_StopsOnTheSignal(string signal, int expected)
    {
        // A pipe whose writer never writes, as in 'validate <(command-that-hangs)': no file API can be cancelled.
        var fifo = Path.Combine(_temp, "job.yaml");
        var made = await ProcessRun.RunAsync("mkfifo", fifo);
        Assert.True(made.ExitCode == 0, made.Error);
        var tool = Own(CliProcess.Start(_temp, terminal: false, "validate", fifo));

        // Opening the write end waits for the reader: the tool is then in its read (and listens for signals).
        await using var writer = await Eventually.CompletesAsync(Task.Run(() => new FileStream(fifo, FileMode.Open, FileAccess.Write), TestContext.Current.CancellationToken), "the tool opens the pipe");
        await tool.SignalAsync(signal);

        Assert.Equal(expected, await tool.WaitForExitAsync());
        Assert.Contains($"stopped by SIG{signal}", tool.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_ClusterThatNeverAnswers_StopsOnSigint()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var kubeconfig = Path.Combine(_temp, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, $$$"""
            apiVersion: v1
            kind: Config
            clusters: [{name: silent, cluster: {server: "http://127.0.0.1:{{{port}}}"}}]
            users: [{name: u, user: {token: t}}]
            contexts: [{name: silent, context: {cluster: silent, user: u}}]
            current-context: silent
            """, TestContext.Current.CancellationToken);
        var job = Path.Combine(_temp, "job.yaml");
        await File.WriteAllTextAsync(job, "apiVersion: operations.kubeedge.io/v1alpha2\nkind: ImagePrePullJob\nmetadata: {name: j}\nspec: {imagePrePullTemplate: {images: [nginx], nodeNames: [n1]}}\n", TestContext.Current.CancellationToken);
        var tool = Own(CliProcess.Start(_temp, terminal: false, "plan", "--job", job, "--kubeconfig", kubeconfig));
        using var connection = await Eventually.CompletesAsync(silent.AcceptTcpClientAsync(TestContext.Current.CancellationToken).AsTask(), "the tool connects to the cluster");

        await tool.SignalAsync("INT");

        Assert.Equal(130, await tool.WaitForExitAsync());
        Assert.Contains("stopped by SIGINT", tool.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_Keep_ServesKubectlAfterTheJobUntilSigint()
    {
        var kubectl = Daemons.Require("kubectl", "kubectl");
        var tool = Own(CliProcess.Start(_temp, terminal: false, "demo", "--nodes", "30", "--keep"));
        await tool.WaitForOutputAsync("press Ctrl+C");
        var kubeconfig = KeptKubeconfig().Match(tool.Text);
        Assert.True(kubeconfig.Success, tool.Text);

        var listed = await ProcessRun.RunAsync(kubectl, "--kubeconfig", kubeconfig.Groups[1].Value, "get", "imageprepulljobs");

        Assert.True(listed.ExitCode == 0, listed.Error);
        Assert.Matches(@"(?m)^prepull-demo\s", listed.Output);
        await tool.SignalAsync("INT");
        Assert.Equal(130, await tool.WaitForExitAsync());
        Assert.Contains("stopped by SIGINT", tool.Text, StringComparison.Ordinal);

        // The summary pointed at the status file: that folder stays, as after a run without --keep.
        var status = StatusFile().Match(tool.Text);
        Assert.True(status.Success && File.Exists(status.Groups[1].Value), tool.Text);
        Assert.False(await AnswersAsync(new Uri(ServerUri().Match(tool.Text).Groups[1].Value).Port), "the API server is stopped");
    }

    [Fact]
    public void Demo_KeepWithKubeconfig_IsOneLineAndExitCodeTwo()
    {
        var kubeconfig = Path.Combine(_temp, "kubeconfig");
        File.WriteAllText(kubeconfig, "apiVersion: v1\nkind: Config\n");

        var (code, output, error) = CliRun.Run("demo", "--kubeconfig", kubeconfig, "--keep");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal("kubeedge-prepull demo: --keep: only for the embedded API server; with --kubeconfig the cluster keeps running anyway", error.Trim());
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private T Own<T>(T owned)
        where T : IAsyncDisposable
    {
        _owned.Add(owned);
        return owned;
    }

    private string[] DemoFolders() => Directory.GetDirectories(_temp, DemoPrefix + "*");

    [GeneratedRegex(@"local registries 127\.0\.0\.1:(\d+) and 127\.0\.0\.1:(\d+)")]
    private static partial Regex RegistryHosts();

    [GeneratedRegex(@"kubeconfig: (/\S+)")]
    private static partial Regex KeptKubeconfig();

    [GeneratedRegex(@"final status: (/\S+)")]
    private static partial Regex StatusFile();

    [GeneratedRegex(@"the API server (http://\S+)")]
    private static partial Regex ServerUri();
}
