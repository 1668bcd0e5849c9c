using KubeEdge.PrePull.Testing.Processes;

namespace KubeEdge.PrePull.TestSupport.Runtimes;

/// <summary>
/// A real dockerd with data and exec roots in a temp dir, listening only on its own Unix socket, without networking
/// setup (no iptables, no bridge), the <c>vfs</c> storage driver (no mounts), the local registries marked insecure
/// (plain HTTP), and its own containerd (otherwise it would adopt a system one at <c>/run/containerd</c>).
/// </summary>
public sealed class DockerDaemon : IAsyncDisposable
{
    private readonly DaemonProcess _daemon;

    private DockerDaemon(DaemonProcess daemon, string socketPath)
    {
        _daemon = daemon;
        SocketPath = socketPath;
    }

    public string SocketPath { get; }

    public static async Task<DockerDaemon> StartAsync(string executable, string dir, string containerdSocket, IEnumerable<string> registryHosts)
    {
        Directory.CreateDirectory(dir);
        var socket = Path.Combine(dir, "docker.sock");

        // An empty config file of our own, so a host's /etc/docker/daemon.json cannot change or break this daemon.
        var config = Path.Combine(dir, "daemon.json");
        await File.WriteAllTextAsync(config, "{}");
        List<string> arguments =
        [
            "--config-file", config,
            "--data-root", Path.Combine(dir, "data"),
            "--exec-root", Path.Combine(dir, "exec"),
            "--pidfile", Path.Combine(dir, "docker.pid"),
            "-H", $"unix://{socket}",
            "--containerd", containerdSocket,
            "--iptables=false", "--ip6tables=false", "--bridge=none",
            "--storage-driver=vfs",
        ];
        foreach (var host in registryHosts)
        {
            arguments.AddRange(["--insecure-registry", host]);
        }

        var daemon = DaemonProcess.Start("dockerd", executable, arguments, Path.Combine(dir, "dockerd.log"));
        await daemon.WaitUntilAsync(
            () => Task.FromResult(File.Exists(socket) && daemon.Lines.Any(l => l.Contains("API listen on", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(90));
        return new DockerDaemon(daemon, socket);
    }

    public ValueTask DisposeAsync() => _daemon.DisposeAsync();
}
