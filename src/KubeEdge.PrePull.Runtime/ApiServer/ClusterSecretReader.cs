using System.Net;
using k8s;
using KubeEdge.PrePull.Credentials;

namespace KubeEdge.PrePull.Runtime.ApiServer;

/// <summary>
/// Reads secrets from the API server by reference, one <c>get</c> each: never listed, never cached, never logged (only
/// their references are). The controller, the edge agent, the pod-based puller and the tool's
/// <c>plan --kubeconfig</c> all read secrets here; ask <see cref="Planning.JobPlanner.SecretsNeeded"/> which.
/// </summary>
public static class ClusterSecretReader
{
    /// <summary>Reads one secret.</summary>
    /// <param name="client">The API client.</param>
    /// <param name="reference">The secret.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Its snapshot, or <see langword="null"/> when it does not exist (404).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="k8s.Autorest.HttpOperationException">Any other answer, 403 Forbidden included.</exception>
    public static async Task<SecretSnapshot?> ReadAsync(IKubernetes client, SecretReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(reference);
        try
        {
            var secret = await client.CoreV1.ReadNamespacedSecretAsync(reference.Name, reference.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            return SecretSnapshot.FromV1(secret);
        }
        catch (Exception e) when (ApiErrors.Is(e, HttpStatusCode.NotFound))
        {
            return null;
        }
    }

    /// <summary>
    /// Reads the secrets a plan needs. One that does not exist (404) or that this client may not read (403) is left
    /// out, as the kubelet goes on without a missing pull secret: the plan then names it in its secret problems.
    /// </summary>
    /// <param name="client">The API client.</param>
    /// <param name="references">The secrets, e.g. <see cref="Planning.JobPlanner.SecretsNeeded"/>.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The secrets read, in reference order.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="k8s.Autorest.HttpOperationException">Any other answer, e.g. 500.</exception>
    public static async Task<IReadOnlyList<SecretSnapshot>> ReadAllAsync(IKubernetes client, IEnumerable<SecretReference> references, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(references);
        var secrets = new List<SecretSnapshot>();
        foreach (var reference in references)
        {
            try
            {
                if (await ReadAsync(client, reference, cancellationToken).ConfigureAwait(false) is { } secret)
                {
                    secrets.Add(secret);
                }
            }
            catch (Exception e) when (ApiErrors.Is(e, HttpStatusCode.Forbidden))
            {
                // Skipped as a missing one is; the plan names it.
            }
        }

        return secrets;
    }
}
