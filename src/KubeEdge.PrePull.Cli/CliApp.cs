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
    public static int Run(string[] args, TextWriter output, TextWriter error)
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

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            error.WriteLine(parsed.GetValue(verbose) ? Prefix + ex : Prefix + OneLine(ex.Message));
            return ex is CliException cli ? cli.ExitCode : ExitCodes.InputError;
        }
    }

    // Some library messages span lines; the rule is one line per error.
    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
