using System.Collections.Concurrent;
using System.Diagnostics;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling.Fixtures;

/// <summary>
/// A daemon started by a fixture: its output is kept in memory (and in a log file in the fixture's temp dir, for
/// post-mortems); <see cref="DisposeAsync"/> stops it with SIGTERM, then kills it if it lingers.
/// </summary>
public sealed class DaemonProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();
    private readonly StreamWriter log;

    private DaemonProcess(Process process, string logPath)
    {
        this.process = process;
        log = new StreamWriter(logPath) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Every output line so far.</summary>
    public IReadOnlyCollection<string> Lines => lines;

    public string Name { get; private init; } = string.Empty;

    public bool HasExited => process.HasExited;

    public static DaemonProcess Start(string name, string executable, IEnumerable<string> arguments, string logPath)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {executable}");
        return new DaemonProcess(process, logPath) { Name = name };
    }

    /// <summary>Waits until <paramref name="ready"/> holds, failing with the daemon's output if it exits or takes too long.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> ready, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode}:\n{Tail()}");
            }

            if (await ready())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{Name} was not ready after {timeout}:\n{Tail()}");
    }

    public string Tail() => string.Join('\n', lines.TakeLast(30));

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        process.Dispose();
        await log.DisposeAsync();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lines.Enqueue(line);
        lock (log)
        {
            log.WriteLine(line);
        }
    }
}
