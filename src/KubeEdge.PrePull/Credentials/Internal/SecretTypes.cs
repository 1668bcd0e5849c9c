namespace KubeEdge.PrePull.Credentials.Internal;

/// <summary>The secret types and data keys the kubelet reads registry credentials from.</summary>
internal static class SecretTypes
{
    public const string DockerConfigJson = "kubernetes.io/dockerconfigjson";
    public const string DockerConfigJsonKey = ".dockerconfigjson";
    public const string DockerCfg = "kubernetes.io/dockercfg";
    public const string DockerCfgKey = ".dockercfg";
}
