using k8s.Exceptions;
using k8s.KubeConfigModels;
using YamlDotNet.RepresentationModel;

namespace KubeEdge.PrePull.Runtime.DependencyInjection;

/// <summary>
/// Reads a kubeconfig with YamlDotNet's node model, without reflection, for a Native AOT agent
/// (docs/design.md §3 "The edge agent on a small device"): KubernetesClient's own reader (<c>KubernetesYaml</c>)
/// orders properties by metadata token, which Native AOT does not have, and fails in its type initializer. It reads
/// what a client needs to connect: the current context's cluster (server, CA, TLS settings), namespace and user
/// (token, client certificate, user name and password). Exec and auth-provider plugins are not read.
/// </summary>
internal static class KubeconfigReader
{
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
                },
            }),
        };
    }

    private static List<T> Named<T>(YamlMappingNode root, string listKey, string itemKey, Func<string?, YamlMappingNode, T> create) =>
        root.Children.TryGetValue(new YamlScalarNode(listKey), out var list) && list is YamlSequenceNode items
            ? [.. items.OfType<YamlMappingNode>().Select(item => create(
                Text(item, "name"),
                item.Children.TryGetValue(new YamlScalarNode(itemKey), out var body) && body is YamlMappingNode map ? map : new YamlMappingNode()))]
            : [];

    private static string? Text(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { Length: > 0 } text } ? text : null;
}
