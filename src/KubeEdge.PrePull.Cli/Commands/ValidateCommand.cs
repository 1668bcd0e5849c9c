using System.CommandLine;
using KubeEdge.PrePull.Cli.Inputs;
using KubeEdge.PrePull.Validation;

namespace KubeEdge.PrePull.Cli.Commands;

/// <summary>
/// <c>validate job.yaml</c>: every problem with its JSON path, the controller's and those the API server would refuse
/// first (name, size); exit code 1 when the job is invalid (or not a readable job), 2 when the file cannot be read.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("job") { Description = "The ImagePrePullJob file (YAML or JSON, v1alpha1 or v1alpha2)." };
        var command = new Command("validate", "Check a job file the way the controller would and list every problem.") { file };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetValue(file)!;
            var (job, unknown) = await BlockingRead.RunAsync(() => (JobFile.Read(path, ExitCodes.Failed), JobFileFields.Unknown(path)), cancellationToken).ConfigureAwait(false);

            // docs/design.md §2 "Validation": unknown fields are errors, repeated images (once normalized) warnings.
            List<ValidationProblem> problems = [.. unknown, .. ImagePrePullJobValidator.Validate(job), .. ApiServerChecks.Check(job)];
            foreach (var problem in problems)
            {
                output.WriteLine(problem);
            }

            foreach (var warning in ImagePrePullJobValidator.Warnings(job))
            {
                error.WriteLine($"warning: {warning}");
            }

            if (problems.Count > 0)
            {
                error.WriteLine($"{path}: {problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}");
                return ExitCodes.Failed;
            }

            output.WriteLine($"{path}: valid ImagePrePullJob \"{job.Metadata.Name}\" ({job.ApiVersion})");
            return ExitCodes.Success;
        });
        return command;
    }
}
