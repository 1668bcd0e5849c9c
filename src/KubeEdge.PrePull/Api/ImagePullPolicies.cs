namespace KubeEdge.PrePull.Api;

/// <summary>Values of <see cref="ImagePrePullTemplate.ImagePullPolicy"/>.</summary>
public static class ImagePullPolicies
{
    /// <summary>Skip an image the runtime already has (the default, and upstream's behaviour).</summary>
    public const string IfNotPresent = "IfNotPresent";

    /// <summary>Pull every image, refreshing mutable tags.</summary>
    public const string Always = "Always";

    /// <summary>All of them.</summary>
    public static IReadOnlyList<string> All { get; } = [IfNotPresent, Always];
}
