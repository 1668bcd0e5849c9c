namespace KubeEdge.PrePull.Api;

/// <summary>The parts of a secret reference a <see cref="SecretOverrider"/> can change.</summary>
public static class SecretComponents
{
    /// <summary>The secret's name (and, with a <c>ns/name</c> value, its namespace).</summary>
    public const string SecretName = "SecretName";

    /// <summary>All of them.</summary>
    public static IReadOnlyList<string> All { get; } = [SecretName];
}
