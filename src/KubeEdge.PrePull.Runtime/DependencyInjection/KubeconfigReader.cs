using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using YamlDotNet.RepresentationModel;

namespace KubeEdge.PrePull.Runtime.DependencyInjection;

/// <summary>
/// Reads a kubeconfig with YamlDotNet's node model, without reflection, for a Native AOT agent
/// (docs/design.md §3 "The edge agent on a small device"): KubernetesClient's own reader (<c>KubernetesYaml</c>)
/// orders properties by metadata token, which Native AOT does not have, and fails in its type initializer. It reads
/// what a client needs to connect: the current context's cluster (server, CA, TLS settings), namespace and user
/// (token, client certificate, user name and password). Exec and auth-provider plugins are refused with an error naming them.
/// </summary>
internal static class KubeconfigReader
{
    /// <summary>
    /// The client configuration of the kubeconfig's current context, built here rather than by
    /// <c>KubernetesClientConfiguration.BuildConfigFromConfigObject</c>: that one can run exec plugins, whose answer it
    /// reads with <c>KubernetesJson</c>, whose type initializer pulls every Kubernetes model's JSON metadata into a
    /// Native AOT agent (docs/design.md §3 "The edge agent on a small device").
    /// </summary>
    /// <exception cref="KubeConfigException">The file has no usable current context, cluster or user.</exception>
    public static KubernetesClientConfiguration ReadClientConfiguration(string path)
    {
        var config = Read(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? string.Empty;
        var contextName = config.CurrentContext ?? throw new KubeConfigException($"The kubeconfig {path} has no current-context.");
        var context = config.Contexts?.FirstOrDefault(c => c.Name == contextName)?.ContextDetails
            ?? throw new KubeConfigException($"The kubeconfig {path} has no context {contextName}.");
        var cluster = config.Clusters?.FirstOrDefault(c => c.Name == context.Cluster)?.ClusterEndpoint
            ?? throw new KubeConfigException($"The kubeconfig {path} has no cluster {context.Cluster} (context {contextName}).");
        if (string.IsNullOrWhiteSpace(cluster.Server))
        {
            throw new KubeConfigException($"The kubeconfig {path} gives cluster {context.Cluster} no server.");
        }

        var user = config.Users?.FirstOrDefault(u => u.Name == context.User)?.UserCredentials;
        if (context.User is not null && user is null)
        {
            throw new KubeConfigException($"The kubeconfig {path} has no user {context.User} (context {contextName}).");
        }

        if (user?.ExternalExecution is not null || user?.AuthProvider is not null)
        {
            var plugin = user.ExternalExecution is not null ? "an exec plugin (users[].user.exec)" : "an auth-provider plugin (users[].user.auth-provider)";
            throw new KubeConfigException(
                $"The kubeconfig {path} gives user {context.User} {plugin}, which the Native AOT agent does not run; give the user a token, a client certificate or a user name and password.");
        }

        var result = new KubernetesClientConfiguration
        {
            Host = cluster.Server,
            Namespace = context.Namespace,
            SkipTlsVerify = cluster.SkipTlsVerify,
            TlsServerName = cluster.TlsServerName,
            AccessToken = user?.Token,

            // As KubernetesClient's reader: a token wins over a user name and password.
            Username = string.IsNullOrEmpty(user?.Token) ? user?.UserName : null,
            Password = string.IsNullOrEmpty(user?.Token) ? user?.Password : null,
            ClientCertificateData = user?.ClientCertificateData,
            ClientCertificateKeyData = user?.ClientKeyData,
            ClientCertificateFilePath = Resolve(directory, user?.ClientCertificate),
            ClientKeyFilePath = Resolve(directory, user?.ClientKey),
        };
        var ca = cluster.CertificateAuthorityData is { } data
            ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(data))
            : Resolve(directory, cluster.CertificateAuthority) is { } file ? File.ReadAllText(file) : null;
        if (ca is not null)
        {
            var certificates = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
            certificates.ImportFromPem(ca);
            result.SslCaCerts = certificates;
        }

        return result;
    }

    public static K8SConfiguration Read(string path)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(path))
        {
            stream.Load(reader);
        }

        var root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        if (root is null)
        {
            throw new KubeConfigException($"The kubeconfig {path} is not a YAML mapping.");
        }

        return new K8SConfiguration
        {
            FileName = path,
            ApiVersion = Text(root, "apiVersion"),
            Kind = Text(root, "kind"),
            CurrentContext = Text(root, "current-context"),
            Clusters = Named(root, "clusters", "cluster", (name, c) => new Cluster
            {
                Name = name,
                ClusterEndpoint = new ClusterEndpoint
                {
                    Server = Text(c, "server"),
                    CertificateAuthority = Text(c, "certificate-authority"),
                    CertificateAuthorityData = Text(c, "certificate-authority-data"),
                    SkipTlsVerify = string.Equals(Text(c, "insecure-skip-tls-verify"), "true", StringComparison.OrdinalIgnoreCase),
                    TlsServerName = Text(c, "tls-server-name"),
                },
            }),
            Contexts = Named(root, "contexts", "context", (name, c) => new Context
            {
                Name = name,
                ContextDetails = new ContextDetails { Cluster = Text(c, "cluster"), User = Text(c, "user"), Namespace = Text(c, "namespace") },
            }),
            Users = Named(root, "users", "user", (name, u) => new User
            {
                Name = name,
                UserCredentials = new UserCredentials
                {
                    Token = Text(u, "token"),
                    ClientCertificate = Text(u, "client-certificate"),
                    ClientCertificateData = Text(u, "client-certificate-data"),
                    ClientKey = Text(u, "client-key"),
                    ClientKeyData = Text(u, "client-key-data"),
                    UserName = Text(u, "username"),
                    Password = Text(u, "password"),

                    // Only whether they are there: they are refused (plugins are not run under Native AOT).
                    ExternalExecution = u.Children.ContainsKey(new YamlScalarNode("exec")) ? new ExternalExecution() : null,
                    AuthProvider = u.Children.ContainsKey(new YamlScalarNode("auth-provider")) ? new AuthProvider() : null,
                },
            }),
        };
    }

    private static string? Resolve(string directory, string? file) =>
        string.IsNullOrEmpty(file) ? null : Path.IsPathRooted(file) ? file : Path.Combine(directory, file);

    private static List<T> Named<T>(YamlMappingNode root, string listKey, string itemKey, Func<string?, YamlMappingNode, T> create) =>
        root.Children.TryGetValue(new YamlScalarNode(listKey), out var list) && list is YamlSequenceNode items
            ? [.. items.OfType<YamlMappingNode>().Select(item => create(
                Text(item, "name"),
                item.Children.TryGetValue(new YamlScalarNode(itemKey), out var body) && body is YamlMappingNode map ? map : new YamlMappingNode()))]
            : [];

    private static string? Text(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { Length: > 0 } text } ? text : null;
}
