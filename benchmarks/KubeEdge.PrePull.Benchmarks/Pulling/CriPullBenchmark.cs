using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Pulling.Cri;
using KubeEdge.PrePull.Testing.Registries;
using KubeEdge.PrePull.TestSupport.Runtimes;

namespace KubeEdge.PrePull.Benchmarks.Pulling;

/// <summary>
/// Pulls 20 distinct small images from a local authenticated registry into a real containerd: the CRI backend
/// (sequential and at concurrency 4) against <c>ctr images pull</c> in a loop (the baseline). Every iteration starts
/// from an empty image store. Needs root and the Debian packages containerd, docker-registry and apache2-utils.
/// Target: sequential ratio &lt;= 1.1; concurrency 4 at least 2x faster than sequential ctr.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 8)]
public class CriPullBenchmark
{
    private const int Images = 20;
    private const int LayerBytes = 256 * 1024;

    private readonly List<IAsyncDisposable> _daemons = [];
    private string _dir = string.Empty;
    private string _ctr = string.Empty;
    private string _socket = string.Empty;
    private LocalRegistry _registry = null!;
    private CriImagePuller _puller = null!;
    private List<string> _images = [];

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _puller.Dispose();
        for (var i = _daemons.Count - 1; i >= 0; i--)
        {
            _daemons[i].DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        Directory.Delete(_dir, recursive: true);
    }

    [IterationSetup]
    public void RemoveImages()
    {
        // Every ref (name, repo digest, ID) goes, and --sync waits for the content to be garbage collected.
        var refs = Run(_ctr, "--address", _socket, "--namespace", "k8s.io", "images", "ls", "-q").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (refs.Length > 0)
        {
            Run(_ctr, ["--address", _socket, "--namespace", "k8s.io", "images", "rm", "--sync", .. refs]);
        }
    }

    [Benchmark(Baseline = true, Description = "ctr images pull, sequential")]
    public void CtrSequential()
    {
        foreach (var image in _images)
        {
            Run(_ctr, "--address", _socket, "--namespace", "k8s.io", "images", "pull", "--plain-http", "--snapshotter", "native",
                "--user", $"{_registry.User}:{_registry.Password}", image);
        }
    }

    [Benchmark(Description = "CriImagePuller, sequential")]
    public async Task CriSequential()
    {
        foreach (var image in _images)
        {
            Check(await _puller.PullAsync(Request(image), CancellationToken.None));
        }
    }

    [Benchmark(Description = "CriImagePuller, concurrency 4")]
    public Task CriConcurrency4() => Parallel.ForEachAsync(
        _images,
        new ParallelOptions { MaxDegreeOfParallelism = 4 },
        async (image, token) => Check(await _puller.PullAsync(Request(image), token)));

    private static void Check(PullResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Reason);
        }
    }

    private static string Run(string executable, params string[] arguments)
    {
        var info = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)}: {error}");
    }

    private static string Find(string name) =>
        new[] { "/usr/bin", "/usr/sbin", "/usr/local/bin", "/sbin" }.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"'{name}' is not installed; this benchmark needs containerd, docker-registry and apache2-utils, as root.");

    private PullRequest Request(string image) =>
        new("bench", image, image, [_registry.Credential("default/bench")], "Always");

    private async Task SetupAsync()
    {
        _ctr = Find("ctr");
        _dir = Path.Combine(Path.GetTempPath(), "pp-bench-" + Guid.NewGuid().ToString("N")[..8]);
        _registry = await LocalRegistry.StartAsync(new LocalRegistryOptions { Directory = Path.Combine(_dir, "registry"), User = "bench", Password = Guid.NewGuid().ToString("N") });
        _daemons.Add(_registry);
        var containerd = await ContainerdDaemon.StartAsync(Find("containerd"), Path.Combine(_dir, "c"), [_registry.Host]);
        _daemons.Add(containerd);
        _socket = containerd.SocketPath;
        for (var i = 0; i < Images; i++)
        {
            _images.Add(await _registry.PushImageAsync($"bench/app{i}", "v1", LayerBytes));
        }

        _puller = new CriImagePuller(new CriImagePullerOptions { SocketPath = _socket });
    }
}
