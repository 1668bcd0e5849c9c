using System.Diagnostics;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Runtime.Tests.Agents;

/// <summary>
/// samples/EdgeAgent published as a Native AOT single file by <c>eng/publish-agent.sh</c>, once per test class, into
/// a temp dir; or the executable <c>PREPULL_AGENT_AOT</c> names, when set (an agent published beforehand). Without
/// clang the tests skip, or fail with <c>PREPULL_REQUIRE_DAEMONS=1</c> (docs/design.md §3).
/// </summary>
public sealed class AotAgentBuild : IAsyncDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "prepull-agent-aot-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _executable;

    /// <summary>The published agent's path; publishes it on first use, or skips the test when clang is missing.</summary>
    /// <returns>The executable's full path.</returns>
    public async Task<string> RequireAsync()
    {
        if (Environment.GetEnvironmentVariable("PREPULL_AGENT_AOT") is { Length: > 0 } given)
        {
            Assert.True(File.Exists(given), $"PREPULL_AGENT_AOT names {given}, which does not exist.");
            return given;
        }

        if (Daemons.Find("clang") is null && !HasVersionedClang())
        {
            const string Message = "Native AOT needs clang (Debian packages 'clang' and 'zlib1g-dev'): run eng/publish-agent.sh or the README's test command as root to install them; set PREPULL_REQUIRE_DAEMONS=1 to make this a failure instead of a skip.";
            if (Daemons.Required)
            {
                Assert.Fail(Message);
            }

            Assert.Skip(Message);
        }

        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            return _executable ??= await PublishAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        _gate.Dispose();
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private static bool HasVersionedClang() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "clang-*"))
            .Any(f => Path.GetFileName(f)["clang-".Length..].All(char.IsAsciiDigit));

    private async Task<string> PublishAsync()
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepoPaths.RepoRoot, "eng", "publish-agent.sh"));
        start.ArgumentList.Add(_output);
        using var publish = Process.Start(start)!;
        var stdout = publish.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = publish.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await publish.WaitForExitAsync(TestContext.Current.CancellationToken);
        var executable = Path.Combine(_output, "EdgeAgent");
        Assert.True(publish.ExitCode == 0 && File.Exists(executable), $"eng/publish-agent.sh failed ({publish.ExitCode}):\n{await stdout}\n{await stderr}");
        return executable;
    }
}
