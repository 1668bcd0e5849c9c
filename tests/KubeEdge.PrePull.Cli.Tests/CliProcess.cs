using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Cli.Tests;

/// <summary>
/// The built tool (<c>kubeedge-prepull.dll</c> of this configuration) in its own process, as users run it, so tests can
/// send it real signals. Every line it writes to stdout and stderr is kept; disposing it kills what is left of it.
/// </summary>
internal sealed class CliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private CliProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => _lines.Enqueue(e.Data ?? string.Empty);
        _process.ErrorDataReceived += (_, e) => _lines.Enqueue(e.Data ?? string.Empty);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Everything written so far, stdout and stderr as they came, one line each.</summary>
    public string Text => string.Join('\n', _lines);

    /// <summary>
    /// Starts the tool. Its signal dispositions are reset first (<c>env --default-signal</c>): a test runner started in
    /// the background of a shell without job control ignores SIGINT, and a child inherits that.
    /// </summary>
    /// <param name="tempFolder">The tool's <c>TMPDIR</c>, so a test sees every temp folder it makes.</param>
    /// <param name="terminal">Runs it on a pseudo-terminal (util-linux <c>script</c>), as on a user's terminal: the demo shows live progress, and <see cref="TypeControlC"/> works.</param>
    /// <param name="arguments">The command line after the tool's name.</param>
    /// <returns>The running tool.</returns>
    public static CliProcess Start(string tempFolder, bool terminal, params IEnumerable<string> arguments)
    {
        string[] command = ["env", "--default-signal=INT,TERM", "dotnet", Assembly, .. arguments];
        var start = terminal
            ? new ProcessStartInfo("script") { ArgumentList = { "--quiet", "--flush", "--return", "--command", string.Join(' ', command.Select(Quote)), "/dev/null" } }
            : new ProcessStartInfo(command[0], command[1..]);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment["TMPDIR"] = tempFolder;
        start.Environment["TERM"] = terminal ? "xterm-256color" : "dumb";
        start.Environment.Remove("NO_COLOR");
        return new CliProcess(Process.Start(start) ?? throw new InvalidOperationException("the tool did not start"));
    }

    /// <summary>Sends a signal to the tool's process with <c>kill</c>.</summary>
    /// <param name="signal">For example <c>INT</c> or <c>TERM</c>.</param>
    /// <returns>When it is sent.</returns>
    public async Task SignalAsync(string signal)
    {
        var sent = await ProcessRun.RunAsync("kill", "-s", signal, _process.Id.ToString(CultureInfo.InvariantCulture));
        Assert.True(sent.ExitCode == 0, sent.Error);
    }

    /// <summary>Types Ctrl+C on the tool's terminal (see <see cref="Start"/>): the terminal sends SIGINT to it.</summary>
    public void TypeControlC()
    {
        _process.StandardInput.Write('\u0003');
        _process.StandardInput.Flush();
    }

    /// <summary>Waits until the tool has written <paramref name="text"/>.</summary>
    /// <param name="text">Text anywhere in the output.</param>
    /// <returns>When it is there.</returns>
    public async Task WaitForOutputAsync(string text)
    {
        await Eventually.WaitUntilAsync(() => Text.Contains(text, StringComparison.Ordinal) || _process.HasExited, () => $"the tool writes \"{text}\"; it wrote:\n{Text}");
        if (_process.HasExited)
        {
            // Its last lines may still be on their way.
            await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        Assert.True(Text.Contains(text, StringComparison.Ordinal), $"the tool exited without writing \"{text}\"; it wrote:\n{Text}");
    }

    /// <summary>Waits until the tool exits (by itself or by a signal it was sent) and all its output is read.</summary>
    /// <returns>Its exit code.</returns>
    public async Task<int> WaitForExitAsync()
    {
        await Eventually.CompletesAsync(_process.WaitForExitAsync(TestContext.Current.CancellationToken), "the tool exits; it wrote:\n" + Text);
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }

    /// <summary>The built tool: tests/{project}/bin/{Configuration}/{framework}/ maps to src/KubeEdge.PrePull.Cli/bin/{Configuration}/{framework}/.</summary>
    private static string Assembly
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            return Path.Combine(RepoPaths.RepoRoot, "src", "KubeEdge.PrePull.Cli", "bin", framework.Parent!.Name, framework.Name, "kubeedge-prepull.dll");
        }
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
