using System.Diagnostics;
using System.Globalization;
using KubeEdge.PrePull.Testing;
using KubeEdge.PrePull.Testing.Fleet;

namespace KubeEdge.PrePull.Benchmarks.Scaling;

/// <summary>
/// The embedded API server and N simulated kubelets in a child process of this benchmark (<c>serve-fleet N</c>), so
/// what the parent measures in itself (CPU, allocation, GC pauses, first-chance exceptions, memory) is the
/// controller's. The parent talks to the child over its standard streams: the child prints <c>URI address</c> when
/// it serves; a <c>begin</c> line starts its own cost window; the end of its input stops it after it prints one
/// <c>COST</c> line (see <see cref="ServerReading"/>).
/// </summary>
internal sealed class FleetServerProcess : IAsyncDisposable
{
    private const string UriPrefix = "URI ";
    private const string CostPrefix = "COST ";
    private const string BeginLine = "begin";

    private readonly Process _process;
    private readonly Task<ServerReading?> _output;

    private FleetServerProcess(Process process, string uri)
    {
        _process = process;
        Uri = uri;

        // Drained from now on, so nothing the child prints can fill the pipe and block it mid-run.
        _output = Task.Run(ReadCostAsync);
    }

    /// <summary>The child's API server address.</summary>
    public string Uri { get; }

    /// <summary>Starts <c>serve-fleet N</c> (this same program) and waits until it serves.</summary>
    public static FleetServerProcess Start(int nodes)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(FleetServerProcess).Assembly.Location);
        }

        // A trace of this process (DOTNET_EnableEventPipe, or dotnet-trace's port) is not one of the server's too: with
        // dotnet-trace the child hung at start-up.
        start.Environment.Remove("DOTNET_EnableEventPipe");
        start.Environment.Remove("DOTNET_DiagnosticPorts");
        start.ArgumentList.Add("serve-fleet");
        start.ArgumentList.Add(nodes.ToString(CultureInfo.InvariantCulture));
        var process = Process.Start(start)!;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (line.StartsWith(UriPrefix, StringComparison.Ordinal))
            {
                return new FleetServerProcess(process, line[UriPrefix.Length..]);
            }
        }

        process.Dispose();
        throw new InvalidOperationException("the fleet server process ended before it printed its address");
    }

    /// <summary>Starts the child's cost window (CPU, allocation, GC pauses) now.</summary>
    public async Task BeginAsync()
    {
        await _process.StandardInput.WriteLineAsync(BeginLine);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>
    /// Stops the child and reads its cost since <see cref="BeginAsync"/> (or since it started serving); null when
    /// the child ended without printing it.
    /// </summary>
    public async Task<ServerReading?> StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close(); // The child stops when its input ends.
        }

        var reading = await _output;
        await _process.WaitForExitAsync();
        return reading;
    }

    private async Task<ServerReading?> ReadCostAsync()
    {
        ServerReading? reading = null;
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(CostPrefix, StringComparison.Ordinal))
            {
                reading = ServerReading.Parse(line[CostPrefix.Length..]);
            }
        }

        return reading;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }

    /// <summary><c>serve-fleet N</c>: the child's side. Serves N nodes until its input ends, then prints its cost.</summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        var nodes = int.Parse(args[0], CultureInfo.InvariantCulture);
        await using var server = await EmbeddedApiServer.StartAsync();
        server.Fleet.AddNodes(new NodeFleetOptions { Count = nodes });
        var window = ProcessCostProbe.Start(countExceptions: false);
        Console.WriteLine(UriPrefix + server.Uri);
        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (line == BeginLine)
            {
                window = ProcessCostProbe.Start(countExceptions: false);
            }
        }

        var cost = window.Stop();
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(CostPrefix + new ServerReading(self.PeakWorkingSet64, cost.Cpu, cost.AllocatedBytes, cost.GcPause).Format());
        return 0;
    }
}
