using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace KubeEdge.PrePull.Testing.Processes;

/// <summary>
/// A daemon started for a test or the demo (a registry, containerd, dockerd): its output is kept in memory and in a
/// log file beside its data, for post-mortems; <see cref="DisposeAsync"/> stops it with SIGTERM, then kills it if it
/// lingers.
/// </summary>
internal sealed class DaemonProcess : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StreamWriter _log;
    private readonly Lock _gate = new();

    private DaemonProcess(Process process, string name, string logPath)
    {
        _process = process;
        Name = name;
        _log = new StreamWriter(logPath) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Every output line so far.</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>What error messages call it.</summary>
    public string Name { get; }

    public bool HasExited => _process.HasExited;

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
        return new DaemonProcess(process, name, logPath);
    }

    /// <summary>Waits until <paramref name="ready"/> holds, failing with the daemon's output if it exits or takes too long.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> ready, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{Tail()}");
            }

            if (await ready().ConfigureAwait(false))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"{Name} was not ready after {timeout}:\n{Tail()}");
    }

    /// <summary>The last lines of output, for an error message.</summary>
    public string Tail() => string.Join('\n', _lines.TakeLast(30));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM first: containerd and dockerd clean up their sockets and mounts on it, a kill leaves them behind.
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync().ConfigureAwait(false);
            }

            using var grace = new CancellationTokenSource(StopGrace);
            try
            {
                await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        _process.Dispose();
        lock (_gate)
        {
            _log.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        lock (_gate)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // A last line after the daemon was disposed: it is still in Lines.
            }
        }
    }
}
