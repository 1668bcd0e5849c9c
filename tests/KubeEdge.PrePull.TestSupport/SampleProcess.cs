using System.Collections.Concurrent;
using System.Diagnostics;

namespace KubeEdge.PrePull.TestSupport;

/// <summary>
/// A built sample (<c>samples/NAME</c>) started as users start it, <c>dotnet NAME.dll</c> in its own process with
/// settings in its environment; every line it writes to stdout or stderr is kept for the test. Disposing it kills
/// the process tree.
/// </summary>
public sealed class SampleProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private bool _stopped;

    private SampleProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => _output.Enqueue(e.Data ?? string.Empty);
        _process.ErrorDataReceived += (_, e) => _output.Enqueue(e.Data ?? string.Empty);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The process id, to signal the sample as an operator would (<c>kill -STOP</c>, <c>kill -9</c>).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The lines written so far, stdout and stderr as they came.</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>
    /// Starts a sample from <see cref="RepoPaths.SampleAssembly"/> in its output folder (so it reads its own
    /// appsettings.json), with the console logger's simple formatter so that each log line is one line.
    /// </summary>
    /// <param name="sample">The sample's folder and assembly name, e.g. <c>ControllerHost</c>.</param>
    /// <param name="environment">Variables to set; a <see langword="null"/> value removes the variable.</param>
    /// <returns>The running sample.</returns>
    public static SampleProcess Start(string sample, params IEnumerable<(string Name, string? Value)> environment)
    {
        var assembly = RepoPaths.SampleAssembly(sample);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(assembly)! };
        start.ArgumentList.Add(assembly);
        return Start(start, environment);
    }

    /// <summary>
    /// Starts a published sample, a native executable (e.g. the Native AOT edge agent), in its own folder, with the
    /// same settings as <see cref="Start(string, IEnumerable{ValueTuple{string, string}})"/>.
    /// </summary>
    /// <param name="executable">The executable's full path.</param>
    /// <param name="environment">Variables to set; a <see langword="null"/> value removes the variable.</param>
    /// <returns>The running sample.</returns>
    public static SampleProcess StartExecutable(string executable, params IEnumerable<(string Name, string? Value)> environment) =>
        Start(new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(executable)! }, environment);

    private static SampleProcess Start(ProcessStartInfo start, IEnumerable<(string Name, string? Value)> environment)
    {
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return new SampleProcess(Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not start."));
    }

    /// <summary>
    /// Runs the test's part while the sample runs, then stops the sample. A failure of that part comes out with
    /// everything the sample wrote, so a timed-out wait shows what the sample was doing.
    /// </summary>
    /// <typeparam name="T">What the test's part returns.</typeparam>
    /// <param name="whileRunning">The test's part.</param>
    /// <returns>What <paramref name="whileRunning"/> returned.</returns>
    public async Task<T> RunAsync<T>(Func<Task<T>> whileRunning)
    {
        try
        {
            return await whileRunning();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException("The sample wrote:\n" + string.Join('\n', _output) + "\n" + e.Message);
        }
        finally
        {
            await StopAsync();
        }
    }

    /// <summary>Runs the test's part while the sample runs, then stops the sample (see <see cref="RunAsync{T}"/>).</summary>
    /// <param name="whileRunning">The test's part.</param>
    /// <returns>When the part is done and the sample stopped.</returns>
    public Task RunAsync(Func<Task> whileRunning) => RunAsync(async () =>
    {
        await whileRunning();
        return true;
    });

    /// <summary>Waits until the sample exits by itself and all its output is read.</summary>
    /// <returns>Its exit code.</returns>
    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as a kubelet does to stop a pod, and waits until the sample exits and its output is read.</summary>
    /// <returns>Its exit code.</returns>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
        _stopped = true;
        return _process.ExitCode;
    }

    /// <summary>Kills the sample (unless it was stopped already) and releases the process.</summary>
    /// <returns>When the process is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(CancellationToken.None);
    }
}
