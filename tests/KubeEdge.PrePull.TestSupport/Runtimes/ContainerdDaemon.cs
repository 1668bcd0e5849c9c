using KubeEdge.PrePull.Testing.Processes;

namespace KubeEdge.PrePull.TestSupport.Runtimes;

/// <summary>
/// A real containerd with its own <c>config.toml</c>: root, state and sockets in a temp dir, the <c>native</c>
/// snapshotter (works on any filesystem, no mounts), the CRI plugin's streaming server on a random port, and a
/// <c>hosts.toml</c> per local registry so the CRI plugin talks plain HTTP to it (or, without registry hosts, no
/// registry configuration at all: what a node with the packaged default config does).
/// </summary>
public sealed class ContainerdDaemon : IAsyncDisposable
{
    private readonly DaemonProcess _daemon;
    private readonly string _hostsDir;

    private ContainerdDaemon(DaemonProcess daemon, string socketPath, string hostsDir)
    {
        _daemon = daemon;
        SocketPath = socketPath;
        _hostsDir = hostsDir;
    }

    public string SocketPath { get; }

    /// <summary>Starts containerd and waits until it has booted.</summary>
    /// <param name="executable">The containerd binary.</param>
    /// <param name="dir">Its temp folder.</param>
    /// <param name="registryHosts">Registries to reach over plain HTTP; <see langword="null"/> leaves the CRI registry config at its default.</param>
    public static async Task<ContainerdDaemon> StartAsync(string executable, string dir, IEnumerable<string>? registryHosts)
    {
        Directory.CreateDirectory(dir);
        var hostsDir = Path.Combine(dir, "hosts");
        foreach (var host in registryHosts ?? [])
        {
            AddRegistryHost(hostsDir, host);
        }

        var registryConfig = registryHosts is null ? string.Empty : $"""
              [plugins."io.containerd.grpc.v1.cri".registry]
                config_path = "{hostsDir}"
            """;

        var socket = Path.Combine(dir, "containerd.sock");
        var config = Path.Combine(dir, "config.toml");
        await File.WriteAllTextAsync(config, $"""
            version = 2
            root = "{Path.Combine(dir, "root")}"
            state = "{Path.Combine(dir, "state")}"
            # Snapshotters that need kernel modules or special filesystems only add noise to the log.
            disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper"]

            [grpc]
              address = "{socket}"
            [ttrpc]
              address = "{socket}.ttrpc"
            [debug]
              address = ""
            [metrics]
              address = ""

            [plugins."io.containerd.internal.v1.opt"]
              path = "{Path.Combine(dir, "opt")}"

            [plugins."io.containerd.grpc.v1.cri"]
              # Never pulled: these tests run no pods. A loopback name keeps containerd from reaching out.
              sandbox_image = "127.0.0.1:1/pause:none"
              # The streaming server would take port 10010 by default and collide with other runs.
              stream_server_address = "127.0.0.1"
              stream_server_port = "0"
              enable_cdi = false
              [plugins."io.containerd.grpc.v1.cri".containerd]
                snapshotter = "native"
              [plugins."io.containerd.grpc.v1.cri".cni]
                bin_dir = "{Path.Combine(dir, "cni", "bin")}"
                conf_dir = "{Path.Combine(dir, "cni", "conf")}"
            {registryConfig}
            """);
        var daemon = DaemonProcess.Start("containerd", executable, ["--config", config], Path.Combine(dir, "containerd.log"));
        await daemon.WaitUntilAsync(
            () => Task.FromResult(File.Exists(socket) && daemon.Lines.Any(l => l.Contains("containerd successfully booted", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(60));
        return new ContainerdDaemon(daemon, socket, hostsDir);
    }

    public ValueTask DisposeAsync() => _daemon.DisposeAsync();

    private static void AddRegistryHost(string hostsDir, string host)
    {
        var dir = Path.Combine(hostsDir, host);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "hosts.toml"), $"""
            server = "http://{host}"

            [host."http://{host}"]
              capabilities = ["pull", "resolve"]
            """);
    }
}
