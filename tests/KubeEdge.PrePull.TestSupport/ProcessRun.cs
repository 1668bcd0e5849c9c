using System.Diagnostics;

namespace KubeEdge.PrePull.TestSupport;

/// <summary>What a finished command printed and returned.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Everything written to stdout.</param>
/// <param name="Error">Everything written to stderr.</param>
public sealed record ProcessRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs a command to its end (kubectl, docker, ctr ...), reading both streams so neither can block it.</summary>
    /// <param name="file">The executable.</param>
    /// <param name="arguments">Its arguments, passed without a shell.</param>
    /// <returns>What it printed and returned.</returns>
    public static async Task<ProcessRun> RunAsync(string file, params IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var cancellationToken = TestContext.Current.CancellationToken;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new ProcessRun(process.ExitCode, await output, await error);
    }
}
