using System.CommandLine;
using KubeEdge.PrePull.Cli.Commands;

namespace KubeEdge.PrePull.Cli;

/// <summary>The kubeedge-prepull command line: builds the command tree and runs it against the given writers.</summary>
internal static class CliApp
{
    /// <summary>Runs one command line; errors are one line on <paramref name="error"/> (a stack trace only with --verbose).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var verbose = new Option<bool>("--verbose") { Description = "Show stack traces of unexpected errors.", Recursive = true };
        var root = new RootCommand("kubeedge-prepull: pre-pull container images onto Kubernetes and KubeEdge edge nodes.")
        {
            verbose,
            CrdCommand.Create(output),
            ValidateCommand.Create(output, error),
            DemoCommand.Create(output, error),
        };

        var parsed = root.Parse(args);
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            error.WriteLine(parsed.GetValue(verbose) ? ex.ToString() : $"kubeedge-prepull: {ex.Message}");
            return 1;
        }
    }
}
