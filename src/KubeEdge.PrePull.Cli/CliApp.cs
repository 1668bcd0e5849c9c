using System.CommandLine;
using KubeEdge.PrePull.Cli.Commands;

namespace KubeEdge.PrePull.Cli;

/// <summary>The kubeedge-prepull command line: builds the command tree and runs it against the given writers.</summary>
internal static class CliApp
{
    private const string Prefix = "kubeedge-prepull: ";

    /// <summary>
    /// Runs one command line. Errors are one line on <paramref name="error"/> (a stack trace only with --verbose);
    /// the exit code is one of <see cref="ExitCodes"/>.
    /// </summary>
    /// <param name="args">The arguments.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="signals">
    /// SIGINT/SIGTERM of the process (the real tool); a signal cancels the command, which stops what it started, and
    /// the exit code is then 130 or 143. <see langword="null"/> in process, where nothing sends signals.
    /// </param>
    public static int Run(string[] args, TextWriter output, TextWriter error, TerminationSignals? signals = null)
    {
        var verbose = new Option<bool>("--verbose") { Description = "Show stack traces of errors.", Recursive = true };
        var root = new RootCommand("kubeedge-prepull: pre-pull container images onto Kubernetes and KubeEdge edge nodes.")
        {
            verbose,
            CrdCommand.Create(output),
            ValidateCommand.Create(output, error),
            PlanCommand.Create(output, error),
            DemoCommand.Create(output, error),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                error.WriteLine(Prefix + problem.Message);
            }

            var command = parsed.CommandResult.Command;
            var usage = command is RootCommand ? "kubeedge-prepull --help" : $"kubeedge-prepull {command.Name} --help";
            error.WriteLine($"{Prefix}run '{usage}' for usage");
            return ExitCodes.InputError;
        }

        // The parser's own signal handling would return 130 after a fixed wait even while the command is still removing
        // what it started; the command's token is cancelled by the signal instead, and the tool waits for it.
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        try
        {
            var code = parsed.InvokeAsync(configuration, signals?.Token ?? CancellationToken.None).GetAwaiter().GetResult();
            return Interrupted(signals, error) ?? code;
        }
        catch (Exception) when (signals?.ExitCode is not null)
        {
            // Whatever the cancellation made the command throw (a cancelled call, a closed connection), the signal is the cause.
            return Interrupted(signals, error)!.Value;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            error.WriteLine(parsed.GetValue(verbose) ? Prefix + ex : Prefix + OneLine(ex.Message));
            return ex is CliException cli ? cli.ExitCode : ExitCodes.InputError;
        }
    }

    private static int? Interrupted(TerminationSignals? signals, TextWriter error)
    {
        if (signals?.ExitCode is not { } code)
        {
            return null;
        }

        error.WriteLine($"{Prefix}stopped by {signals.SignalName}");
        return code;
    }

    // Some library messages span lines; the rule is one line per error.
    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
