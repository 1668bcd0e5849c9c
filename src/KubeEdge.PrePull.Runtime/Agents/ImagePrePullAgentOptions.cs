using System.ComponentModel.DataAnnotations;
using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Names;
using KubeEdge.PrePull.Runtime.Options;

namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>
/// The edge agent's settings, bindable from configuration (section <c>ImagePrePullAgent</c> in the sample). Every
/// default is a named constant; the values are validated when the host starts.
/// </summary>
public sealed class ImagePrePullAgentOptions : INodePullTuning
{
    /// <summary>The longest node name: 253 characters (a DNS-1123 subdomain).</summary>
    public const int MaxNodeNameLength = KubernetesNames.MaxSubdomainLength;

    /// <summary>Check items fail above 80 % usage by default, as on the controller.</summary>
    public const double DefaultThresholdPercent = 80;

    /// <summary>The namespace of the controller and agents in <c>deploy/</c>, granted by default: <c>kubeedge-prepull</c>.</summary>
    public const string DefaultSecretNamespace = "kubeedge-prepull";

    /// <summary>Images pulled at once by default: 1 (in spec order).</summary>
    public const int DefaultImageParallelism = 1;

    /// <summary>The most images pulled at once: 16.</summary>
    public const int MaxImageParallelism = 16;

    /// <summary>
    /// The name of the node this agent runs on, as its Node object is named (in a DaemonSet: <c>spec.nodeName</c>
    /// through the downward API). Required; no default.
    /// </summary>
    [Required(ErrorMessage = "NodeName is required: the name of the Node this agent runs on (e.g. from the NODE_NAME environment variable).")]
    [StringLength(MaxNodeNameLength, ErrorMessage = "NodeName must be at most 253 characters.")]
    [Dns1123Subdomain(ErrorMessage = "NodeName must be a node name (a DNS-1123 subdomain: lower case letters, digits, '-' and '.').")]
    public string NodeName { get; set; } = string.Empty;

    /// <summary>
    /// The namespaces whose secrets every job may use on this node, as on the controller (docs/design.md §2, "Secret
    /// grants"); a secret elsewhere is used only when it carries the label <c>prepull.kubeedge.io/allow-prepull=true</c>.
    /// Default (empty): <see cref="DefaultSecretNamespace"/> and <c>default</c>, the controller's default. Each entry
    /// must be a namespace name.
    /// </summary>
    [SecretNamespaces]
    public IList<string> SecretNamespaces { get; } = [];

    /// <summary>Disk usage (percent) above which the <c>disk</c> check fails. Default: <see cref="DefaultThresholdPercent"/>.</summary>
    [Range(0d, 100d)]
    public double DiskThresholdPercent { get; set; } = DefaultThresholdPercent;

    /// <summary>Memory usage (percent) above which the <c>mem</c> check fails. Default: <see cref="DefaultThresholdPercent"/>.</summary>
    [Range(0d, 100d)]
    public double MemThresholdPercent { get; set; } = DefaultThresholdPercent;

    /// <summary>CPU usage (percent) above which the <c>cpu</c> check fails. Default: <see cref="DefaultThresholdPercent"/>.</summary>
    [Range(0d, 100d)]
    public double CpuThresholdPercent { get; set; } = DefaultThresholdPercent;

    /// <summary>How many images of a job are pulled at the same time. Default: <see cref="DefaultImageParallelism"/>.</summary>
    [Range(1, MaxImageParallelism)]
    public int ImageParallelism { get; set; } = DefaultImageParallelism;

    /// <summary>The secret rule of these options: <see cref="SecretNamespaces"/>, or its default when empty.</summary>
    internal SecretGrant SecretGrant() =>
        new(SecretNamespaces.Count > 0 ? SecretNamespaces : [DefaultSecretNamespace, SecretReference.DefaultNamespace]);
}
