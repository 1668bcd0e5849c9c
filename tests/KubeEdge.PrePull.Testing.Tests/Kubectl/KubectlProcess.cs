using System.Diagnostics;
using System.Threading.Channels;

namespace KubeEdge.PrePull.Testing.Tests.Kubectl;

/// <summary>Runs the real kubectl against a kubeconfig: to completion, or streaming its lines (for <c>-w</c>).</summary>
/// <param name="kubectl">The kubectl executable.</param>
/// <param name="kubeconfig">The kubeconfig file.</param>
/// <param name="cacheDir">kubectl's discovery cache folder.</param>
internal sealed class KubectlProcess(string kubectl, string kubeconfig, string cacheDir)
{
    /// <summary>Runs kubectl to completion.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>Exit code, standard output and standard error.</returns>
    public async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var process = Process.Start(Start(args))!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Starts kubectl and hands its output lines over as they come (for watches); dispose to stop it.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The running process.</returns>
    public Streaming Stream(params string[] args) => new(Process.Start(Start(args))!);

    private ProcessStartInfo Start(string[] args)
    {
        var start = new ProcessStartInfo(kubectl) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["--kubeconfig", kubeconfig, "--cache-dir", cacheDir, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>A running kubectl whose output lines are read with a deadline.</summary>
    internal sealed class Streaming : IDisposable
    {
        private readonly Process _process;
        private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
        private readonly List<string> _errors = [];

        /// <summary>Starts reading the process's output.</summary>
        /// <param name="process">The started process.</param>
        public Streaming(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    _lines.Writer.TryComplete();
                }
                else
                {
                    _lines.Writer.TryWrite(e.Data);
                }
            };
            _process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (_errors)
                    {
                        _errors.Add(e.Data);
                    }
                }
            };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        /// <summary>Reads the next output line, failing the test when none comes within the deadline.</summary>
        /// <param name="deadline">How long to wait.</param>
        /// <returns>The line.</returns>
        public async Task<string> NextLineAsync(TimeSpan deadline)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            cts.CancelAfter(deadline);
            try
            {
                return await _lines.Reader.ReadAsync(cts.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
            {
                string errors;
                lock (_errors)
                {
                    errors = string.Join('\n', _errors);
                }

                Assert.Fail($"kubectl printed no line within {deadline} (exited: {_process.HasExited}); stderr: {errors}");
                throw;
            }
        }

        /// <inheritdoc/>
        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }

            _process.Dispose();
        }
    }
}
