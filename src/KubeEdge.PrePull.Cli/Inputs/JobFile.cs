using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Serialization;

namespace KubeEdge.PrePull.Cli.Inputs;

/// <summary>Reads an ImagePrePullJob file; every failure is one line that names the file (and the field).</summary>
internal static class JobFile
{
    /// <summary>Reads the job.</summary>
    /// <param name="path">The file (YAML or JSON, v1alpha1 or v1alpha2).</param>
    /// <param name="unreadableExitCode">The exit code when the file is there but is no readable job.</param>
    /// <exception cref="CliException">The file is missing, a directory or unreadable (exit code 2), or not a readable job.</exception>
    public static ImagePrePullJob Read(string path, int unreadableExitCode)
    {
        var text = InputFile.ReadAllText(path, "a job file (YAML or JSON)");
        try
        {
            return ImagePrePullJobSerializer.Deserialize(text);
        }
        catch (ImagePrePullJobFormatException ex)
        {
            throw new CliException($"{path}: {ex.Message}", unreadableExitCode, ex);
        }
    }
}
