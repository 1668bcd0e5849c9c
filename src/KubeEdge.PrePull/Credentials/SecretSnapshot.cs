namespace KubeEdge.PrePull.Credentials;

/// <summary>
/// The parts of a Kubernetes Secret that registry credentials are read from. A small type of ours, so the core does
/// not depend on the client's generated <c>V1Secret</c>; <see cref="FromV1"/> converts. <see cref="ToString"/> never shows data.
/// </summary>
/// <param name="Namespace">The secret's namespace.</param>
/// <param name="Name">The secret's name.</param>
/// <param name="Type">The secret's type, e.g. <c>kubernetes.io/dockerconfigjson</c>; <see langword="null"/> when unset.</param>
/// <param name="Data">The secret's data, already base64-decoded (as <c>V1Secret.Data</c> holds it).</param>
public sealed partial record SecretSnapshot(string Namespace, string Name, string? Type, IReadOnlyDictionary<string, byte[]> Data)
{
    /// <summary>The reference jobs use for this secret: <c>namespace/name</c>.</summary>
    public string Reference => SecretReference.Format(Namespace, Name);

    /// <summary>Names the secret and its type, never its data.</summary>
    /// <returns>For example <c>secret default/harbor (kubernetes.io/dockerconfigjson)</c>.</returns>
    public override string ToString() => $"secret {Reference} ({Type ?? "no type"})";
}
