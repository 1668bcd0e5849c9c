using System.Globalization;
using k8s;
using k8s.Autorest;
using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Runtime.ApiServer;
using KubeEdge.PrePull.Selection;

namespace KubeEdge.PrePull.Cli.Inputs;

/// <summary>
/// Reads nodes and secrets from a cluster through a kubeconfig: lists every node (paged), and gets only the secrets
/// a plan names, so the tool needs no right to list secrets. Every failure is a <see cref="CliException"/> that
/// names the cluster and what could not be read.
/// </summary>
internal sealed class ClusterSource : IDisposable
{
    /// <summary>How long one request may take before the cluster counts as unreachable.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private const int PageSize = 500;

    private readonly Kubernetes _client;
    private readonly string _host;

    private ClusterSource(Kubernetes client, string host)
    {
        _client = client;
        _host = host;
    }

    /// <summary>Connects (lazily: nothing is sent yet) with a kubeconfig and an optional context.</summary>
    /// <exception cref="CliException">The kubeconfig is missing or invalid, or has no such context.</exception>
    public static ClusterSource Connect(string kubeconfig, string? context)
    {
        var config = Kubeconfig.Load(kubeconfig, context);
        config.HttpClientTimeout = RequestTimeout;
        return new ClusterSource(new Kubernetes(config), config.Host ?? kubeconfig);
    }

    /// <summary>Every node of the cluster.</summary>
    public async Task<IReadOnlyList<NodeInfo>> ListNodesAsync(CancellationToken cancellationToken)
    {
        var nodes = new List<NodeInfo>();
        string? next = null;
        do
        {
            var page = await Call("list nodes", () => _client.CoreV1.ListNodeAsync(continueParameter: next, limit: PageSize, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
            nodes.AddRange(page.Items.Select(NodeInfo.FromV1));
            next = page.Metadata?.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(next));

        return nodes;
    }

    /// <summary>
    /// The granted secrets of the given references that exist, and the refused ones (docs/design.md §2, "Secret
    /// grants"): a secret in an allowed namespace is read by name (missing: left out, the plan reports it); one
    /// elsewhere only when it carries the opt-in label, else it is refused and its data never read.
    /// </summary>
    /// <exception cref="CliException">The cluster refuses or fails to give one (403 included); the message names it.</exception>
    public async Task<GrantedSecrets> ReadSecretsAsync(IReadOnlyList<SecretReference> references, SecretGrant grant, CancellationToken cancellationToken)
    {
        var secrets = new List<SecretSnapshot>();
        var refused = new List<SecretProblem>();
        foreach (var reference in references)
        {
            if (!grant.AllowsNamespace(reference.Namespace))
            {
                // A forbidden list counts as refused, as on the controller with the default RBAC.
                var labelled = await Call($"list secret {reference}", () => ClusterSecretReader.ReadGrantedAsync(_client, [reference], grant, cancellationToken), cancellationToken).ConfigureAwait(false);
                secrets.AddRange(labelled.Secrets);
                refused.AddRange(labelled.Refused);
            }
            else if (await Call($"get secret {reference}", () => ClusterSecretReader.ReadAsync(_client, reference, cancellationToken), cancellationToken).ConfigureAwait(false) is { } secret)
            {
                // The plan reports a missing one as "secret not found", as the controller would.
                secrets.Add(secret);
            }
        }

        return new GrantedSecrets(secrets, refused);
    }

    public void Dispose() => _client.Dispose();

    private async Task<T> Call<T>(string what, Func<Task<T>> request, CancellationToken cancellationToken)
    {
        try
        {
            return await request().ConfigureAwait(false);
        }
        catch (HttpOperationException ex)
        {
            var code = (int)ex.Response.StatusCode;
            throw new CliException(string.Create(CultureInfo.InvariantCulture, $"cluster {_host}: cannot {what}: {code} {ex.Response.ReasonPhrase}"), ex);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"cluster {_host}: unreachable ({ex.Message})", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture, $"cluster {_host}: no answer within {RequestTimeout.TotalSeconds} s to {what}"), ex);
        }
    }
}
