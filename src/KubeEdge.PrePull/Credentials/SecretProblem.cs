namespace KubeEdge.PrePull.Credentials;

/// <summary>
/// Why a secret (or part of it) was skipped. Safe to put into events and status: it names the secret and the faulty
/// field, never secret data.
/// </summary>
/// <param name="Secret">The secret, <c>namespace/name</c>.</param>
/// <param name="Message">What is wrong, e.g. <c>secret not found</c>.</param>
public sealed record SecretProblem(string Secret, string Message)
{
    /// <summary>A one-line description for warnings and failure reasons.</summary>
    /// <returns>For example <c>secret default/harbor: secret not found</c>.</returns>
    public override string ToString() => $"secret {Secret}: {Message}";
}
