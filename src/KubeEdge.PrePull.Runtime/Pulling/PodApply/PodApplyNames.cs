using System.Security.Cryptography;
using System.Text;
using KubeEdge.PrePull.Credentials;

namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>Deterministic object names and labels of the PodApply backend.</summary>
internal static class PodApplyNames
{
    /// <summary>Label with the job's name (hashed when longer than a label value may be).</summary>
    public const string JobLabel = "operations.kubeedge.io/imageprepulljob";

    /// <summary>Label with the job's uid, so a sweep never touches another job of the same name.</summary>
    public const string JobUidLabel = "operations.kubeedge.io/imageprepulljob-uid";

    /// <summary>Label with the node's name (hashed when too long).</summary>
    public const string NodeLabel = "operations.kubeedge.io/node";

    /// <summary>The standard managed-by label.</summary>
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";

    /// <summary>Value of <see cref="ManagedByLabel"/>.</summary>
    public const string ManagedBy = "kubeedge-prepull";

    /// <summary>Annotation with the source <c>namespace/name</c> of a copied secret (a name, never data).</summary>
    public const string SourceSecretAnnotation = "operations.kubeedge.io/source-secret";

    private const int MaxNameLength = 63;
    private const int HashLength = 8;

    /// <summary>
    /// The pod of <paramref name="job"/> on <paramref name="node"/>: prefix, job and node made DNS-label safe and cut
    /// to fit 63 characters, then a hash of the exact job and node names. The hash is always there: sanitising and
    /// cutting can map two pairs to one text (job <c>a-b</c> on <c>c</c>, job <c>a</c> on <c>b-c</c>), the hash cannot.
    /// </summary>
    public static string Pod(string prefix, string job, string node) => Hashed(prefix, job + "-" + node, job + "\n" + node);

    /// <summary>
    /// The pod that pulls <paramref name="image"/>, the fallback of an overridden reference that failed
    /// (docs/design.md §2 "Overrides"), for <paramref name="job"/> on <paramref name="node"/>.
    /// </summary>
    public static string FallbackPod(string prefix, string job, string node, string image) =>
        Hashed(prefix, job + "-" + node + "-fallback", job + "\n" + node + "\n" + image);

    /// <summary>The copy of secret <paramref name="secret"/> next to the pod of <paramref name="job"/> on <paramref name="node"/>.</summary>
    public static string SecretCopy(string prefix, string job, string node, SecretReference secret) =>
        Hashed(prefix, job + "-" + secret.Name, job + "\n" + node + "\n" + secret);

    /// <summary>A label value for a name: the name when it fits, else a cut name and a hash.</summary>
    public static string LabelValue(string name)
    {
        if (name.Length <= MaxNameLength)
        {
            return name;
        }

        var cut = name[..(MaxNameLength - HashLength - 1)].TrimEnd('-', '.', '_');
        return cut + "-" + Hash(name);
    }

    private static string Hashed(string prefix, string readable, string identity)
    {
        var text = Sanitize(prefix + readable);
        var room = MaxNameLength - HashLength - 1;
        if (text.Length > room)
        {
            text = text[..room];
        }

        text = text.Trim('-');
        return (text.Length == 0 ? "p" : text) + "-" + Hash(identity);
    }

    private static string Sanitize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : c is >= 'A' and <= 'Z' ? char.ToLowerInvariant(c) : '-');
        }

        return builder.ToString();
    }

    private static string Hash(string identity) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..HashLength];
}
