using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;

namespace KubeEdge.PrePull.Cli.Inputs;

/// <summary>
/// Loads a kubeconfig the way kubectl reads it. One difference from the client library is bridged here: a user entry
/// without any credential (<c>user: {}</c>, as behind <c>kubectl proxy</c> or for a local test server) means
/// "anonymous" to kubectl, while the library rejects it; such a user is dropped from its contexts before building.
/// </summary>
internal static class Kubeconfig
{
    /// <summary>The client configuration of a context (the file's current context when <paramref name="context"/> is null).</summary>
    /// <exception cref="CliException">The file is missing or invalid, or has no such context.</exception>
    public static KubernetesClientConfiguration Load(string path, string? context)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"{path}: no such file");
        }

        try
        {
            var config = KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(path));
            var anonymous = (config.Users ?? []).Where(u => IsEmpty(u.UserCredentials)).Select(u => u.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var details in (config.Contexts ?? []).Select(c => c.ContextDetails).Where(d => d?.User is not null && anonymous.Contains(d.User)))
            {
                details.User = null;
            }

            return KubernetesClientConfiguration.BuildConfigFromConfigObject(config, context);
        }
        catch (Exception ex) when (ex is KubeConfigException or KubernetesClientException or IOException or FormatException or YamlDotNet.Core.YamlException)
        {
            var which = context is null ? string.Empty : $" (context \"{context}\")";
            throw new CliException($"{path}{which}: {ex.Message}", ex);
        }
    }

    private static bool IsEmpty(UserCredentials? credentials) =>
        credentials is null
        || (string.IsNullOrEmpty(credentials.Token) && string.IsNullOrEmpty(credentials.UserName) && string.IsNullOrEmpty(credentials.Password)
            && string.IsNullOrEmpty(credentials.ClientCertificate) && string.IsNullOrEmpty(credentials.ClientCertificateData)
            && string.IsNullOrEmpty(credentials.ClientKey) && string.IsNullOrEmpty(credentials.ClientKeyData)
            && credentials.AuthProvider is null && credentials.ExternalExecution is null);
}
