using System.Diagnostics;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Cli.Tests.Packaging;

/// <summary>The README's install of the tool, for real: pack the CLI, <c>dotnet tool install</c> it, run it.</summary>
public sealed class ToolInstallTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tool-install").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task PackAndToolInstall_AsTheReadmeSays_InstallsARunnableKubeedgePrepull()
    {
        var packages = Path.Combine(_dir, "packages");
        var tools = Path.Combine(_dir, "tools");
        // The build this test runs from (pack does not build again); the tool's restore gets its own package cache,
        // so a 0.1.0 cached by an earlier run cannot stand in for this build.
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

        var pack = await DotnetAsync(false, "pack", Path.Combine(RepoPaths.RepoRoot, "src", "KubeEdge.PrePull.Cli"), "-c", configuration, "--no-build", "-o", packages, "-nologo");
        var install = await DotnetAsync(true, "tool", "install", "--tool-path", tools, "--add-source", packages, "KubeEdge.PrePull.Cli");
        var help = await RunAsync(Path.Combine(tools, OperatingSystem.IsWindows() ? "kubeedge-prepull.exe" : "kubeedge-prepull"), false, ["--help"]);

        Assert.True(pack.Code == 0, pack.Output);
        Assert.True(install.Code == 0, install.Output);
        Assert.Contains("was successfully installed", install.Output, StringComparison.Ordinal);
        Assert.True(help.Code == 0, help.Output);
        Assert.Contains("kubeedge-prepull [command] [options]", help.Output, StringComparison.Ordinal);
        Assert.All((string[])["demo", "plan", "validate", "crd"], command => Assert.Contains(command, help.Output, StringComparison.Ordinal));
    }

    private Task<(int Code, string Output)> DotnetAsync(bool ownPackageCache, params string[] args) =>
        RunAsync(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", ownPackageCache, args);

    private async Task<(int Code, string Output)> RunAsync(string file, bool ownPackageCache, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (ownPackageCache)
        {
            start.Environment["NUGET_PACKAGES"] = Path.Combine(_dir, "nuget");
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }
}
