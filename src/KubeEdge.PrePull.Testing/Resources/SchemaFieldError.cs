namespace KubeEdge.PrePull.Testing.Resources;

/// <summary>One schema violation, worded like kube-apiserver's field errors (a <c>Status</c> cause).</summary>
/// <param name="Field">The field path, e.g. <c>spec.imagePrePullTemplate.concurrency</c>.</param>
/// <param name="Reason">The cause reason: <c>FieldValueInvalid</c>, <c>FieldValueNotSupported</c>, <c>FieldValueRequired</c>, <c>FieldValueTooLong</c> or <c>FieldValueTooMany</c>.</param>
/// <param name="Message">The error body, e.g. <c>Required value</c> or <c>Invalid value: -1: ... should be greater than or equal to 0</c>.</param>
internal sealed record SchemaFieldError(string Field, string Reason, string Message)
{
    /// <summary>The error as kube-apiserver prints it: <c>field: message</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Field}: {Message}";
}
