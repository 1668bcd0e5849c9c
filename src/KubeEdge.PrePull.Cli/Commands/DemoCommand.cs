using System.CommandLine;
using System.Security.Cryptography;
using KubeEdge.PrePull.Cli.Commands.Demo;
using Spectre.Console;

namespace KubeEdge.PrePull.Cli.Commands;

/// <summary>
/// <c>demo</c>: an embedded API server with a simulated edge fleet and two private registries, a multi-registry job
/// with per-region overrides, and the real controller running it, with live progress and a summary. With
/// <c>--cri</c>/<c>--docker</c> the pulls are real, through that runtime, from registries the demo starts.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(TextWriter output, TextWriter error) => Create(output, error, () => RandomNumberGenerator.GetHexString(32, lowercase: true));

    /// <summary>The command with a given password maker (tests pass a marker to prove no password leaks).</summary>
    internal static Command Create(TextWriter output, TextWriter error, Func<string> newPassword)
    {
        var arguments = new DemoArguments();
        var command = new Command("demo", "Run a multi-registry pre-pull job on an embedded API server with a simulated edge fleet, with the real controller. With --cri or --docker the simulated kubelets pull for real through that runtime, from two local registries the demo starts.");
        foreach (var option in arguments.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parsed, cancellationToken) =>
        {
            var settings = arguments.Read(parsed, out var problem);
            if (settings is null)
            {
                await error.WriteLineAsync("kubeedge-prepull demo: " + problem).ConfigureAwait(false);
                return 2;
            }

            // A signal cancels the token: the runner stops what it started and the tool exits 130 or 143 (CliApp).
            var runner = new DemoRunner(settings, CreateDisplay(output), error, newPassword);
            return await runner.RunAsync(cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Live progress only on a real terminal; anything redirected (files, pipes, CI, tests) gets plain lines without ANSI.</summary>
    private static IDemoDisplay CreateDisplay(TextWriter output)
    {
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";
        if (!terminal)
        {
            return new PlainDisplay(output);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Yes,
        });
        return new LiveProgressDisplay(console);
    }
}
