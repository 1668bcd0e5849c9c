namespace KubeEdge.PrePull.Validation;

/// <summary>One thing wrong with a job, at a JSON path such as <c>spec.imagePrePullTemplate.images[2]</c>.</summary>
/// <param name="Path">The field at fault.</param>
/// <param name="Message">What is wrong with it.</param>
public sealed record ValidationProblem(string Path, string Message)
{
    /// <summary>The problem as one line, <c>path: message</c>, the form written to <c>status.reason</c>.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => $"{Path}: {Message}";
}
