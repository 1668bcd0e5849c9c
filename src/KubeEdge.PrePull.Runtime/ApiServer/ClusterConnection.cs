using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Authentication;
using k8s.Exceptions;

namespace KubeEdge.PrePull.Runtime.ApiServer;

/// <summary>
/// Where and how the library's plain-HTTP requests reach the API server (<see cref="KubernetesHttp"/>: the edge agent's
/// <see cref="RestClusterApi"/>, PodApply's pod requests): the server's base URI, the connection that sends them and
/// the credentials each request carries. Made from a KubernetesClient <see cref="Kubernetes"/> client (its own
/// connection and credentials: the controller, <c>UseKubernetes(factory)</c>) or from a
/// <see cref="KubernetesClientConfiguration"/> without constructing a <see cref="Kubernetes"/> (the edge agent's
/// default): constructing one reads <see cref="KubernetesClientConfiguration.JsonSerializerOptions"/>, whose
/// <c>KubernetesJson</c> keeps JSON metadata for every Kubernetes model in a Native AOT agent (docs/design.md §3 "The
/// edge agent on a small device").
/// </summary>
internal sealed class ClusterConnection : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ServiceClientCredentials? _credentials;
    private readonly string? _hostHeader;

    private ClusterConnection(Uri baseUri, HttpClient http, bool ownsHttp, ServiceClientCredentials? credentials, string? hostHeader, TimeSpan requestTimeout, bool disableHttp2)
    {
        BaseUri = baseUri;
        _http = http;
        _ownsHttp = ownsHttp;
        _credentials = credentials;
        _hostHeader = hostHeader;
        RequestTimeout = requestTimeout;
        DisableHttp2 = disableHttp2;
    }

    /// <summary>The API server's address (a path prefix included).</summary>
    public Uri BaseUri { get; }

    /// <summary>How long a request that is not a watch may take: the configuration's <c>HttpClientTimeout</c> (KubernetesClient's default 100 s).</summary>
    public TimeSpan RequestTimeout { get; }

    /// <summary>Whether requests must not ask for HTTP/2 (the configuration's <c>DisableHttp2</c>).</summary>
    public bool DisableHttp2 { get; }

    /// <summary>The connection of an existing client: its handlers, TLS setup and credentials (behaviour of the controller and of <c>UseKubernetes(factory)</c>).</summary>
    public static ClusterConnection FromClient(Kubernetes client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new(client.BaseUri, client.HttpClient, ownsHttp: false, client.Credentials, hostHeader: null, client.HttpClientTimeout, disableHttp2: false);
    }

    /// <summary>
    /// A connection of its own, set up as <see cref="Kubernetes"/> sets up its connection from
    /// <paramref name="configuration"/>: the server CA (<c>SslCaCerts</c>, the server's chain checked against them
    /// only), <c>SkipTlsVerify</c>, <c>TlsServerName</c>, the client certificate (data or files), a bearer token
    /// (<c>AccessToken</c>, or <c>TokenProvider</c> asked on every request, so the in-cluster token file provider
    /// re-reads the rotating service-account token), user name and password, <c>DisableHttp2</c>, <c>UserAgent</c>,
    /// <c>HttpClientTimeout</c> and <c>FirstMessageHandlerSetup</c>. Errors name the setting, never its value.
    /// </summary>
    /// <exception cref="KubeConfigException">A setting is missing or cannot be used.</exception>
    public static ClusterConnection FromConfiguration(KubernetesClientConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var baseUri = BaseUriOf(configuration);
        var handler = new SocketsHttpHandler
        {
            // KubernetesClient's settings for the handler it creates.
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            KeepAlivePingDelay = TimeSpan.FromMinutes(3),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            EnableMultipleHttp2Connections = true,
        };
        try
        {
            if (baseUri.Scheme == Uri.UriSchemeHttps)
            {
                ConfigureTls(handler.SslOptions, configuration);
            }

            configuration.FirstMessageHandlerSetup?.Invoke(handler);
            var client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
            if (!string.IsNullOrWhiteSpace(configuration.UserAgent))
            {
                client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", configuration.UserAgent);
            }

            return new(
                baseUri,
                client,
                ownsHttp: true,
                CredentialsOf(configuration),
                string.IsNullOrWhiteSpace(configuration.TlsServerName) ? null : configuration.TlsServerName,
                configuration.HttpClientTimeout,
                configuration.DisableHttp2);
        }
        catch
        {
            handler.Dispose();
            throw;
        }
    }

    /// <summary>Adds the credentials and the <c>TlsServerName</c> host to <paramref name="request"/> and sends it.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        if (_credentials is not null)
        {
            await _credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (_hostHeader is not null)
        {
            request.Headers.Host = _hostHeader;
        }

        return await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static Uri BaseUriOf(KubernetesClientConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration.Host))
        {
            throw new KubeConfigException("The Kubernetes client configuration has no Host (the API server's URL).");
        }

        if (!Uri.TryCreate(configuration.Host, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new KubeConfigException("The Kubernetes client configuration's Host is not an http or https URL.");
        }

        return uri;
    }

    private static void ConfigureTls(SslClientAuthenticationOptions ssl, KubernetesClientConfiguration configuration)
    {
        // TlsServerName needs nothing here: the handler checks the server's name against the request's Host header
        // (and sends it in SNI), which SendAsync sets, as KubernetesClient does.
        if (configuration.SkipTlsVerify)
        {
            // The configuration asks for it (insecure-skip-tls-verify), as KubernetesClient honours it.
#pragma warning disable CA5359
            ssl.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (configuration.SslCaCerts is { Count: > 0 } authorities)
        {
            var trusted = new X509Certificate2Collection(authorities);
            ssl.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => IsTrusted(certificate, chain, errors, trusted);
        }

        if (ClientCertificateOf(configuration) is { } certificate)
        {
            ssl.ClientCertificates = [certificate];

            // As KubernetesClient: always offer this certificate (the runtime may otherwise reuse a cached choice).
            ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
        }
    }

    /// <summary>
    /// The server's certificate is trusted when the system trusts it, or when its only fault is a chain that does not
    /// end at a system root and it chains to one of the configured authorities alone (custom root trust, no revocation
    /// check), as KubernetesClient checks it. Unlike KubernetesClient, a name that does not match stays an error.
    /// </summary>
    private static bool IsTrusted(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is not X509Certificate2 server)
        {
            return false;
        }

        using var own = chain is null ? new X509Chain() : null;
        var check = chain ?? own!;
        check.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        check.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        check.ChainPolicy.CustomTrustStore.Clear();
        check.ChainPolicy.CustomTrustStore.AddRange(authorities);
        return check.Build(server);
    }

    /// <summary>The client certificate from PEM data (base64) or files, as KubernetesClient reads it; none when neither a certificate nor a key is set.</summary>
    private static X509Certificate2? ClientCertificateOf(KubernetesClientConfiguration configuration)
    {
        var hasCertificate = !string.IsNullOrWhiteSpace(configuration.ClientCertificateData) || !string.IsNullOrWhiteSpace(configuration.ClientCertificateFilePath);
        var hasKey = !string.IsNullOrWhiteSpace(configuration.ClientCertificateKeyData) || !string.IsNullOrWhiteSpace(configuration.ClientKeyFilePath);
        if (hasCertificate != hasKey)
        {
            throw new KubeConfigException(hasCertificate
                ? "The Kubernetes client configuration has a client certificate (ClientCertificateData or ClientCertificateFilePath) but no client key (ClientCertificateKeyData or ClientKeyFilePath)."
                : "The Kubernetes client configuration has a client key (ClientCertificateKeyData or ClientKeyFilePath) but no client certificate (ClientCertificateData or ClientCertificateFilePath).");
        }

        if (!hasCertificate)
        {
            return null;
        }

        try
        {
            var certificate = string.IsNullOrWhiteSpace(configuration.ClientCertificateFilePath)
                ? Encoding.UTF8.GetString(Convert.FromBase64String(configuration.ClientCertificateData!))
                : File.ReadAllText(configuration.ClientCertificateFilePath);
            var key = string.IsNullOrWhiteSpace(configuration.ClientKeyFilePath)
                ? Encoding.UTF8.GetString(Convert.FromBase64String(configuration.ClientCertificateKeyData!))
                : File.ReadAllText(configuration.ClientKeyFilePath);
            return X509Certificate2.CreateFromPem(certificate, key);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException or ArgumentException or IOException)
        {
            // The message of the underlying error may quote the material; only its type is kept.
            throw new KubeConfigException($"The Kubernetes client configuration's client certificate or key cannot be read ({e.GetType().Name}).");
        }
    }

    /// <summary>What <see cref="Kubernetes"/> sends: a token provider's header, else the bearer token, else basic authentication.</summary>
    private static ServiceClientCredentials? CredentialsOf(KubernetesClientConfiguration configuration)
    {
        if (configuration.TokenProvider is { } provider)
        {
            return new TokenCredentials(provider);
        }

        if (!string.IsNullOrEmpty(configuration.AccessToken))
        {
            return new TokenCredentials(configuration.AccessToken);
        }

        return string.IsNullOrEmpty(configuration.Username)
            ? null
            : new BasicAuthenticationCredentials { UserName = configuration.Username, Password = configuration.Password };
    }
}
