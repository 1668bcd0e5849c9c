using System.CommandLine;
using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Cli.Commands;

/// <summary><c>crd</c>: prints the ImagePrePullJob CRD manifest (pipe it to <c>kubectl apply -f -</c>).</summary>
internal static class CrdCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("crd", "Print the ImagePrePullJob CustomResourceDefinition (kubectl apply -f - installs it).");
        command.SetAction(_ =>
        {
            output.Write(ImagePrePullJobCrd.Yaml);
            return 0;
        });
        return command;
    }
}
