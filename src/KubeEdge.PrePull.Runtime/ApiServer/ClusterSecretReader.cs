using System.Net;
using k8s;
using KubeEdge.PrePull.Credentials;

namespace KubeEdge.PrePull.Runtime.ApiServer;

/// <summary>
/// Reads secrets from the API server by reference: never cached, never logged (only their references are). The
/// controller, the edge agent, the pod-based puller and the tool's <c>plan --kubeconfig</c> all read secrets here; ask
/// <see cref="Planning.JobPlanner.SecretsNeeded"/> which. With a <see cref="SecretGrant"/> (docs/design.md §2, "Secret
/// grants") a secret in an allowed namespace is read with one <c>get</c>; one elsewhere only by a <c>list</c> of that
/// name filtered by the opt-in label, so the API server never sends the data of a secret that is not granted.
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
    public static Task<SecretSnapshot?> ReadAsync(IKubernetes client, SecretReference reference, CancellationToken cancellationToken) =>
        ReadOneAsync(Api(client), reference, cancellationToken);

    /// <summary>Reads one secret over either transport (see <see cref="IClusterApi"/>).</summary>
    internal static async Task<SecretSnapshot?> ReadOneAsync(IClusterApi api, SecretReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        try
        {
            var secret = await api.ReadNamespacedSecretAsync(reference.Name, reference.Namespace, cancellationToken).ConfigureAwait(false);
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
    public static Task<IReadOnlyList<SecretSnapshot>> ReadAllAsync(IKubernetes client, IEnumerable<SecretReference> references, CancellationToken cancellationToken) =>
        ReadAllAsync(Api(client), references, cancellationToken);

    /// <summary>Reads the secrets a plan needs over either transport (see <see cref="IClusterApi"/>).</summary>
    internal static async Task<IReadOnlyList<SecretSnapshot>> ReadAllAsync(IClusterApi api, IEnumerable<SecretReference> references, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(references);
        var secrets = new List<SecretSnapshot>();
        foreach (var reference in references)
        {
            try
            {
                if (await ReadOneAsync(api, reference, cancellationToken).ConfigureAwait(false) is { } secret)
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

    /// <summary>
    /// Reads the granted secrets among <paramref name="references"/> (docs/design.md §2, "Secret grants"). A secret in
    /// an allowed namespace is read as <see cref="ReadAllAsync(IKubernetes, IEnumerable{SecretReference}, CancellationToken)"/> reads it (missing or forbidden: left out, the plan
    /// names it); any other is asked for with its opt-in label as a list filter, and refused when the API server has
    /// no such labelled secret or forbids the list: its data is never read.
    /// </summary>
    /// <param name="client">The API client.</param>
    /// <param name="references">The secrets, e.g. <see cref="Planning.JobPlanner.SecretsNeeded"/>.</param>
    /// <param name="grant">The rule.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The secrets read and the refused ones, in reference order.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="k8s.Autorest.HttpOperationException">Any other answer, e.g. 500.</exception>
    public static Task<GrantedSecrets> ReadGrantedAsync(IKubernetes client, IEnumerable<SecretReference> references, SecretGrant grant, CancellationToken cancellationToken) =>
        ReadGrantedAsync(Api(client), references, grant, cancellationToken);

    /// <summary>Reads the granted secrets over either transport (see <see cref="IClusterApi"/>); the edge agent's way.</summary>
    internal static async Task<GrantedSecrets> ReadGrantedAsync(IClusterApi api, IEnumerable<SecretReference> references, SecretGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(grant);
        var secrets = new List<SecretSnapshot>();
        var refused = new List<SecretProblem>();
        foreach (var reference in references)
        {
            if (grant.AllowsNamespace(reference.Namespace))
            {
                secrets.AddRange(await ReadAllAsync(api, [reference], cancellationToken).ConfigureAwait(false));
            }
            else if (await ReadLabelledAsync(api, reference, cancellationToken).ConfigureAwait(false) is { } labelled)
            {
                secrets.Add(labelled);
            }
            else
            {
                refused.Add(grant.Refusal(reference));
            }
        }

        return new GrantedSecrets(secrets, refused);
    }

    /// <summary>
    /// Reads one secret when it is granted: <see langword="null"/> when it is missing, forbidden or refused. The
    /// pod-based puller reads the secret it copies here again, so a label taken off since the plan stops the copy.
    /// </summary>
    internal static async Task<SecretSnapshot?> ReadIfGrantedAsync(IKubernetes client, SecretReference reference, SecretGrant grant, CancellationToken cancellationToken) =>
        grant.AllowsNamespace(reference.Namespace)
            ? await ReadAsync(client, reference, cancellationToken).ConfigureAwait(false)
            : await ReadLabelledAsync(Api(client), reference, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The secret when it carries the opt-in label, asked for as a list of one name filtered by that label: the API
    /// server filters, so an unlabelled secret's data never reaches this process. Forbidden (the default RBAC has no
    /// secrets rights outside the allowed namespaces) counts as not granted.
    /// </summary>
    private static async Task<SecretSnapshot?> ReadLabelledAsync(IClusterApi api, SecretReference reference, CancellationToken cancellationToken)
    {
        try
        {
            var list = await api.ListNamespacedSecretAsync(reference.Namespace, "metadata.name=" + reference.Name, SecretGrant.OptInSelector, cancellationToken).ConfigureAwait(false);

            // Checked again here: a server that ignored a selector must not grant what the rule refuses.
            var match = list.Items.FirstOrDefault(s => s.Metadata?.Name == reference.Name && SecretGrant.HasOptIn(s.Metadata.Labels?.AsReadOnly()));
            return match is null ? null : SecretSnapshot.FromV1(match) with { Namespace = reference.Namespace };
        }
        catch (Exception e) when (ApiErrors.Is(e, HttpStatusCode.Forbidden) || ApiErrors.Is(e, HttpStatusCode.NotFound))
        {
            return null;
        }
    }

    private static KubernetesClientApi Api(IKubernetes client) => new(client ?? throw new ArgumentNullException(nameof(client)));
}
