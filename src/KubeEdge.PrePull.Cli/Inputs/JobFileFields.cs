using System.Text.Json.Nodes;
using KubeEdge.PrePull.Validation;

namespace KubeEdge.PrePull.Cli.Inputs;

/// <summary>
/// The fields of a job file that its version's schema does not declare (docs/design.md §2 "Validation"): read from
/// the file's own tree, since binding it to the typed model drops them as the API server would.
/// </summary>
internal static class JobFileFields
{
    /// <summary>The unknown fields of the job file, each with its path; call after <see cref="JobFile.Read"/> succeeded.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The problems, in document order.</returns>
    public static IReadOnlyList<ValidationProblem> Unknown(string path) =>
        ManifestDocuments.Parse(File.ReadAllText(path), path) is [JsonObject document]
            ? ImagePrePullJobValidator.FindUnknownFields(document)
            : [];
}
