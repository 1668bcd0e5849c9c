namespace KubeEdge.PrePull.Serialization;

/// <summary>
/// A job document could not be read: malformed JSON or YAML, a value of the wrong type, a wrong kind or apiVersion.
/// The message names the field at fault (<see cref="FieldPath"/>) and what was expected.
/// </summary>
public sealed class ImagePrePullJobFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public ImagePrePullJobFormatException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public ImagePrePullJobFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The parser's exception.</param>
    public ImagePrePullJobFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one field.</summary>
    /// <param name="fieldPath">The field at fault, e.g. <c>spec.imagePrePullTemplate.images</c>; empty for the document.</param>
    /// <param name="message">What is wrong with it.</param>
    /// <param name="innerException">The parser's exception, if any.</param>
    public ImagePrePullJobFormatException(string fieldPath, string message, Exception? innerException)
        : base(fieldPath.Length == 0 ? message : $"{fieldPath}: {message}", innerException)
    {
        FieldPath = fieldPath;
    }

    /// <summary>The field at fault, e.g. <c>spec.imagePrePullTemplate.images</c>; empty when it is the whole document.</summary>
    public string FieldPath { get; } = string.Empty;
}
