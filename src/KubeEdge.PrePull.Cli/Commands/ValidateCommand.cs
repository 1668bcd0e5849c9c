using System.CommandLine;
using KubeEdge.PrePull.Serialization;
using KubeEdge.PrePull.Validation;

namespace KubeEdge.PrePull.Cli.Commands;

/// <summary><c>validate job.yaml</c>: every problem with its JSON path; exit code 1 when the job is invalid.</summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("job") { Description = "The ImagePrePullJob file (YAML or JSON, v1alpha1 or v1alpha2)." };
        var command = new Command("validate", "Check a job file the way the controller would and list every problem.") { file };
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(file)!;
            if (!path.Exists)
            {
                error.WriteLine($"kubeedge-prepull: {path}: no such file");
                return 1;
            }

            var job = ImagePrePullJobSerializer.Deserialize(File.ReadAllText(path.FullName));
            var problems = ImagePrePullJobValidator.Validate(job);
            foreach (var problem in problems)
            {
                output.WriteLine(problem);
            }

            if (problems.Count > 0)
            {
                error.WriteLine($"{path}: {problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}");
                return 1;
            }

            output.WriteLine($"{path}: valid ImagePrePullJob \"{job.Metadata.Name}\" ({job.ApiVersion})");
            return 0;
        });
        return command;
    }
}
