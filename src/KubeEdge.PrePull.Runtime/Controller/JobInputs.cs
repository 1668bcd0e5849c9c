using System.Net;
using k8s;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Runtime.ApiServer;

namespace KubeEdge.PrePull.Runtime.Controller;

/// <summary>Reads what planning needs from the cluster: the secrets a job may use (never logged or kept).</summary>
internal static class JobInputs
{
    private const string DefaultNamespace = ClusterSnapshots.DefaultNamespace;

    /// <summary>
    /// Every secret reference the job or its overriders can name: the template's refs, the <c>ns/name</c> values of
    /// the secret overriders, and bare-name values in each namespace the refs use.
    /// </summary>
    public static IReadOnlyList<(string Namespace, string Name)> SecretRefs(ImagePrePullJob job)
    {
        var template = job.Spec.ImagePrePullTemplate;
        var refs = new List<string>();
        if (!string.IsNullOrEmpty(template?.ImageSecrets))
        {
            refs.Add(template.ImageSecrets);
        }

        refs.AddRange(template?.PullSecrets ?? []);
        var namespaces = new HashSet<string>(StringComparer.Ordinal) { DefaultNamespace };
        var result = new List<(string, string)>();
        foreach (var r in refs)
        {
            Add(r, result, namespaces);
        }

        foreach (var rule in job.Spec.ImagePrePullOverriders ?? [])
        {
            foreach (var secret in rule.Overriders?.SecretOverriders ?? [])
            {
                if (string.IsNullOrEmpty(secret.Value))
                {
                    continue;
                }

                if (secret.Value.Contains('/', StringComparison.Ordinal))
                {
                    Add(secret.Value, result, namespaces);
                }
                else
                {
                    result.AddRange(namespaces.Select(ns => (ns, secret.Value)));
                }
            }
        }

        return result.Distinct().ToList();
    }

    /// <summary>Reads the secrets that exist; a missing one is left out (the planner reports it as skipped).</summary>
    public static async Task<IReadOnlyList<SecretSnapshot>> ReadSecretsAsync(IKubernetes client, ImagePrePullJob job, CancellationToken cancellationToken)
    {
        var secrets = new List<SecretSnapshot>();
        foreach (var (ns, name) in SecretRefs(job))
        {
            try
            {
                var secret = await client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
                secrets.Add(ClusterSnapshots.ToSnapshot(secret));
            }
            catch (Exception e) when (ApiErrors.Is(e, HttpStatusCode.NotFound) || ApiErrors.Is(e, HttpStatusCode.Forbidden))
            {
                // Skipped, as the kubelet does; the plan names it in a warning event.
            }
        }

        return secrets;
    }

    private static void Add(string value, List<(string, string)> result, HashSet<string> namespaces)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var ns = slash < 0 ? DefaultNamespace : value[..slash];
        var name = slash < 0 ? value : value[(slash + 1)..];
        if (ns.Length > 0 && name.Length > 0 && !name.Contains('/', StringComparison.Ordinal))
        {
            namespaces.Add(ns);
            result.Add((ns, name));
        }
    }
}
