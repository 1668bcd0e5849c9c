using k8s.Models;
using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Runtime.Tests.Agents;

/// <summary>Jobs for the agent tests: no check items (the test machine's disk is not the subject), fast retries.</summary>
internal static class AgentJobs
{
    public static ImagePrePullJob Create(string name, IReadOnlyList<string> images, IReadOnlyList<string>? pullSecrets = null, IList<ImagePrePullOverrider>? overriders = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new ImagePrePullJobSpec
        {
            ImagePrePullTemplate = new ImagePrePullTemplate
            {
                Images = [.. images],
                CheckItems = [],
                RetryTimes = 1,
                TimeoutSeconds = 120,
                PullSecrets = pullSecrets is null ? null : [.. pullSecrets],
            },
            ImagePrePullOverriders = overriders,
        },
    };

    /// <summary>A rule that replaces the tag of every image on nodes with <paramref name="nodeLabel"/>.</summary>
    public static ImagePrePullOverrider TagOverride(string nodeLabel, string tag) => new()
    {
        NodeLabel = nodeLabel,
        Overriders = new Overriders
        {
            ImageOverriders = [new ImageOverrider { Component = ImageComponents.Tag, Operator = OverriderOperators.Replace, Value = tag }],
        },
    };

    /// <summary>A rule that makes nodes with <paramref name="nodeLabel"/> use the secret <paramref name="secret"/>.</summary>
    public static ImagePrePullOverrider SecretOverride(string nodeLabel, string secret) => new()
    {
        NodeLabel = nodeLabel,
        Overriders = new Overriders
        {
            SecretOverriders = [new SecretOverrider { Component = SecretComponents.SecretName, Operator = OverriderOperators.Replace, Value = secret }],
        },
    };
}
