using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KubeEdge.PrePull.Cli.Commands.Demo;

/// <summary>Creates the demo's <c>kubernetes.io/dockerconfigjson</c> secrets through the API, as a user would.</summary>
internal static class RegistrySecrets
{
    /// <summary>Creates (or, on a real cluster that already has it, replaces) the secret of one registry account.</summary>
    public static async Task ApplyAsync(IKubernetes client, RegistryAccount account, string password, CancellationToken cancellationToken)
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes(account.User + ":" + password));
        var config = new JsonObject { ["auths"] = new JsonObject { [account.Registry] = new JsonObject { ["auth"] = auth } } };
        var secret = new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta { Name = account.SecretName, NamespaceProperty = DemoScenario.SecretNamespace, Labels = new Dictionary<string, string> { [DemoScenario.CreatedByLabel] = DemoScenario.CreatedBy } },
            Type = "kubernetes.io/dockerconfigjson",
            Data = new Dictionary<string, byte[]> { [".dockerconfigjson"] = Encoding.UTF8.GetBytes(config.ToJsonString()) },
        };
        try
        {
            await client.CoreV1.CreateNamespacedSecretAsync(secret, DemoScenario.SecretNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // A real cluster may hold a secret of that name that is not ours: never overwrite it.
            var existing = await client.CoreV1.ReadNamespacedSecretAsync(account.SecretName, DemoScenario.SecretNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (existing.Metadata.Labels is null || !existing.Metadata.Labels.TryGetValue(DemoScenario.CreatedByLabel, out var by) || by != DemoScenario.CreatedBy)
            {
                throw new InvalidOperationException($"secret {account.SecretRef} already exists and was not created by the demo; the demo leaves it alone (delete it or use another cluster)");
            }

            await client.CoreV1.ReplaceNamespacedSecretAsync(secret, account.SecretName, DemoScenario.SecretNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
