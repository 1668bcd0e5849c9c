using System.CommandLine;

namespace KubeEdge.PrePull.Cli.Commands;

/// <summary><c>demo</c>: the embedded demo (API server, simulated fleet, the real controller). Arrives with the controller.</summary>
internal static class DemoCommand
{
    public static Command Create(TextWriter error)
    {
        var command = new Command("demo", "Run a job on an embedded API server with a simulated edge fleet.");
        command.SetAction(_ =>
        {
            error.WriteLine("kubeedge-prepull: the demo is not built yet: it needs the controller (see the open controller and CLI issues).");
            return 2;
        });
        return command;
    }
}
