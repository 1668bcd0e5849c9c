using k8s.Models;

namespace KubeEdge.PrePull.Credentials;

/// <content>Conversion from the Kubernetes client's object.</content>
public sealed partial record SecretSnapshot
{
    /// <summary>
    /// The snapshot of a Secret as read from the API server. The client has already base64-decoded <c>data</c>; the
    /// snapshot keeps its own dictionary (the byte arrays are shared). A secret without a namespace lives in
    /// <see cref="SecretReference.DefaultNamespace"/>.
    /// </summary>
    /// <param name="secret">The secret.</param>
    /// <returns>Its namespace, name, type and data.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="secret"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The secret has no <c>metadata.name</c>.</exception>
    public static SecretSnapshot FromV1(V1Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var name = secret.Metadata?.Name;
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("the secret has no metadata.name", nameof(secret));
        }

        var ns = secret.Metadata!.NamespaceProperty;
        return new SecretSnapshot(
            string.IsNullOrEmpty(ns) ? SecretReference.DefaultNamespace : ns,
            name,
            secret.Type,
            secret.Data is null ? new Dictionary<string, byte[]>(StringComparer.Ordinal) : new Dictionary<string, byte[]>(secret.Data, StringComparer.Ordinal));
    }
}
