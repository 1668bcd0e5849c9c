using System.Text.Json.Nodes;
using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Testing.Resources;
using KubeEdge.PrePull.Testing.Storage;

namespace KubeEdge.PrePull.Testing.Fleet;

/// <summary>
/// What a kubelet hands its runtime for an image: the credentials of the pod's <c>imagePullSecrets</c> (read from the
/// pod's namespace when the pull starts) that match the image, matched as the kubelet's keyring matches them.
/// </summary>
internal static class PullSecrets
{
    public static IReadOnlyList<PullCredential> Credentials(ObjectStore store, ResourceType secrets, JsonObject pod, string image)
    {
        var ns = (string?)pod["metadata"]?["namespace"] ?? "default";
        var names = (pod["spec"]?["imagePullSecrets"] as JsonArray ?? [])
            .Select(r => (string?)r?["name"])
            .OfType<string>()
            .ToList();
        if (names.Count == 0)
        {
            return [];
        }

        var snapshots = new List<SecretSnapshot>();
        foreach (var name in names)
        {
            try
            {
                snapshots.Add(Snapshot(store.Get(secrets, ns, name)));
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Like the kubelet: a missing pull secret is skipped and the pull goes on without it.
            }
        }

        var resolution = CredentialResolver.Create(snapshots).Resolve(image, [.. names.Select(n => ns + "/" + n)]);
        return resolution.Credentials;
    }

    private static SecretSnapshot Snapshot(JsonObject secret)
    {
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in secret["data"] as JsonObject ?? [])
        {
            if ((string?)value is { } text)
            {
                data[key] = Convert.FromBase64String(text);
            }
        }

        return new SecretSnapshot((string)secret["metadata"]!["namespace"]!, (string)secret["metadata"]!["name"]!, (string?)secret["type"], data);
    }
}
