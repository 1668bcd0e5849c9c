using System.Text.Json.Nodes;
using KubeEdge.PrePull.Serialization.Internal;

namespace KubeEdge.PrePull.Serialization;

/// <summary>
/// Reads YAML documents as JSON trees, so that YAML and JSON input go through one deserializer and report errors the
/// same way. The one YAML reader of the library and its tools: <see cref="ImagePrePullJobSerializer"/> reads jobs
/// with it, and the <c>kubeedge-prepull</c> tool its node and secret files.
/// </summary>
public static class YamlDocuments
{
    /// <summary>Every non-empty document of <paramref name="yaml"/>, in order.</summary>
    /// <param name="yaml">The text: one or more documents separated by <c>---</c>.</param>
    /// <param name="typing">How plain scalars become JSON values. Quoted scalars and <c>!!str</c> stay strings either way.</param>
    /// <returns>One JSON tree per document; a document that is only an empty value or comments is left out.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="yaml"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="typing"/> is not a defined value.</exception>
    /// <exception cref="FormatException">
    /// The text is not valid YAML (a duplicate key included), or holds a node JSON cannot represent; the message names
    /// the line and column, e.g. <c>malformed YAML at line 4, column 1: ...</c>.
    /// </exception>
    public static IReadOnlyList<JsonNode?> Parse(string yaml, YamlScalarTyping typing)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        if (typing is not (YamlScalarTyping.CoreSchema or YamlScalarTyping.Strings))
        {
            throw new ArgumentOutOfRangeException(nameof(typing), typing, "not a YAML scalar typing");
        }

        try
        {
            return YamlToJson.Documents(yaml, typing);
        }
        catch (ImagePrePullJobFormatException ex)
        {
            // The reader reports in the job serializer's terms; a YAML document need not be a job.
            throw new FormatException(ex.Message, ex.InnerException);
        }
    }
}
