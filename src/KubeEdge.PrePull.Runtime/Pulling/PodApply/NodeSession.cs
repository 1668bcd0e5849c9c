using System.Collections.Concurrent;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>What the puller holds for one node between BeginNode and EndNode.</summary>
internal sealed class NodeSession
{
    public NodeSession(string node, string podName, NodePlan plan)
    {
        Node = node;
        PodName = podName;
        Plan = plan;
        var containers = new Dictionary<string, PodContainer>(StringComparer.Ordinal);
        foreach (var image in plan.Images)
        {
            // One container per distinct resolved image: two spec images that resolve alike need one pull.
            if (image.Error is null && image.ResolvedImage is { } resolved && !containers.ContainsKey(resolved))
            {
                containers[resolved] = new PodContainer("image-" + containers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), resolved);
            }
        }

        Containers = containers;
    }

    public string Node { get; }

    public string PodName { get; }

    public NodePlan Plan { get; }

    /// <summary>Per resolved image, its container.</summary>
    public IReadOnlyDictionary<string, PodContainer> Containers { get; }

    /// <summary>Names of the secret copies made for this node (in the pods' namespace).</summary>
    public ConcurrentQueue<string> CopiedSecrets { get; } = new();

    /// <summary>The <c>ns/name</c> refs of the secrets the pod really carries (copied or local).</summary>
    public HashSet<string> UsableSecrets { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the pod may exist (created or adopted), so cleanup deletes it.</summary>
    public bool PodMayExist { get; set; }

    public PodTracker? Tracker { get; set; }

    /// <summary>Why the pod could not be set up; every pull of the node then fails with it.</summary>
    public string? SetupError { get; set; }

    /// <summary>
    /// Per fallback reference, the session of the pod that pulls it and its set-up (docs/design.md §2 "Overrides"):
    /// made on the first pull that falls back, removed with this session. Lock the dictionary to use it.
    /// </summary>
    public Dictionary<string, (NodeSession Session, Task SetUp)> Fallbacks { get; } = new(StringComparer.Ordinal);

    /// <summary>Per container name, how many failed attempts were already reported (a retry waits for a new one).</summary>
    public ConcurrentDictionary<string, int> ReportedFailures { get; } = new(StringComparer.Ordinal);
}
