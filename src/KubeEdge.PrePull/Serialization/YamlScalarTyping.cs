namespace KubeEdge.PrePull.Serialization;

/// <summary>How <see cref="YamlDocuments"/> turns plain (unquoted) YAML scalars into JSON values.</summary>
public enum YamlScalarTyping
{
    /// <summary>
    /// YAML 1.2's core schema, the way kubectl reads a manifest: <c>null</c>, <c>~</c> and empty become JSON null,
    /// <c>true</c>/<c>false</c> booleans, integers and floats numbers, anything else a string.
    /// </summary>
    CoreSchema,

    /// <summary>
    /// Every scalar is a string except <c>null</c>, <c>~</c> and empty, which become JSON null: for documents whose
    /// fields are all strings (node labels, secret data), where <c>zone: 1</c> means the string "1".
    /// </summary>
    Strings,
}
