using System.Text;
using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Runtime.ApiServer;

namespace KubeEdge.PrePull.Cli.Inputs;

/// <summary>
/// Turns Secret objects, from a file or from the cluster, into what credential resolution reads. Messages name the
/// secret and the key at fault, never the data.
/// </summary>
internal static class SecretReader
{
    /// <summary>The secrets of a file written by <c>kubectl get secrets -o yaml</c> (or JSON, or several documents).</summary>
    /// <exception cref="CliException">The file cannot be read or an object is not a usable Secret; the message names the field.</exception>
    public static IReadOnlyList<SecretSnapshot> ReadFile(string path) =>
        ManifestFile.Read(path, "Secret").Select(FromManifest).ToArray();

    /// <summary>
    /// The granted secrets among <paramref name="references"/> in a file, and the refused ones (docs/design.md §2,
    /// "Secret grants"): as on the controller, a secret outside the allowed namespaces is used only when the file's
    /// object carries the opt-in label; a refused one is left out of the plan and named in its secret warnings.
    /// </summary>
    /// <exception cref="CliException">The file cannot be read or an object is not a usable Secret; the message names the field.</exception>
    public static GrantedSecrets ReadFileGranted(string? path, IReadOnlyList<SecretReference> references, SecretGrant grant)
    {
        // Every object is checked as before (a malformed file is an input error); only granted ones reach the plan.
        var byReference = new Dictionary<string, (SecretSnapshot Secret, Dictionary<string, string> Labels)>(StringComparer.Ordinal);
        foreach (var secret in path is null ? [] : ManifestFile.Read(path, "Secret"))
        {
            var snapshot = FromManifest(secret);
            byReference[snapshot.Reference] = (snapshot, secret.StringMap("metadata.labels"));
        }

        var granted = new List<SecretSnapshot>();
        var refused = new List<SecretProblem>();
        foreach (var reference in references)
        {
            var found = byReference.TryGetValue(reference.ToString(), out var entry);
            if (!grant.Allows(reference, found ? entry.Labels : null))
            {
                refused.Add(grant.Refusal(reference));
            }
            else if (found)
            {
                granted.Add(entry.Secret);
            }
        }

        return new GrantedSecrets(granted, refused);
    }

    /// <summary>
    /// A Secret object of a file: <c>data</c> is base64 as the API writes it; <c>stringData</c> (plain text, as in a
    /// hand-written manifest) wins over <c>data</c> for the same key, as the API server merges them.
    /// </summary>
    public static SecretSnapshot FromManifest(ManifestObject secret)
    {
        var name = secret.String("metadata.name");
        if (string.IsNullOrEmpty(name))
        {
            throw new CliException(secret.Problem("metadata.name", "required"));
        }

        var ns = secret.String("metadata.namespace");
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in secret.StringMap("data"))
        {
            try
            {
                data[key] = Convert.FromBase64String(value);
            }
            catch (FormatException ex)
            {
                throw new CliException(secret.Problem($"data[\"{key}\"]", "not valid base64"), ex);
            }
        }

        foreach (var (key, value) in secret.StringMap("stringData"))
        {
            data[key] = Encoding.UTF8.GetBytes(value);
        }

        return new SecretSnapshot(string.IsNullOrEmpty(ns) ? SecretReference.DefaultNamespace : ns, name, secret.String("type"), data);
    }
}
