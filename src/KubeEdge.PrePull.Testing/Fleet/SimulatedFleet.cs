using System.Collections.Concurrent;
using System.Globalization;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Testing.Resources;
using KubeEdge.PrePull.Testing.Storage;

namespace KubeEdge.PrePull.Testing.Fleet;

/// <summary>
/// The simulated edge fleet of an <see cref="EmbeddedApiServer"/>: nodes, their readiness, and how their kubelets
/// pull images for pods bound to them (per-image behaviour, or a real <see cref="IImagePuller"/>).
/// </summary>
public sealed class SimulatedFleet
{
    private readonly ObjectStore _store;
    private readonly ResourceType _nodes;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, bool> _readiness = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ImagePullBehavior> _images = new(StringComparer.Ordinal);
    private int _created;

    internal SimulatedFleet(ObjectStore store, ResourceType nodes, TimeProvider time)
    {
        _store = store;
        _nodes = nodes;
        _time = time;
    }

    /// <summary>Default of <see cref="BackOffDelay"/>.</summary>
    public static readonly TimeSpan DefaultBackOffDelay = TimeSpan.FromSeconds(10);

    /// <summary>The names of the simulated nodes.</summary>
    public IReadOnlyCollection<string> NodeNames => [.. _readiness.Keys];

    /// <summary>How pulls of images without their own behaviour go (default <see cref="ImagePullBehavior.Succeed"/>).</summary>
    public ImagePullBehavior DefaultBehavior { get; set; } = ImagePullBehavior.Succeed;

    /// <summary>When set, kubelets pull through this puller instead of the configured behaviours (default <see langword="null"/>).</summary>
    public IImagePuller? Puller { get; set; }

    /// <summary>How long after <c>ErrImagePull</c> a failed container shows <c>ImagePullBackOff</c> (default 10 s).</summary>
    public TimeSpan BackOffDelay { get; set; } = DefaultBackOffDelay;

    /// <summary>Sets how one image (exactly as written in pod specs) is pulled.</summary>
    /// <param name="image">The image reference.</param>
    /// <param name="behavior">Its behaviour.</param>
    /// <exception cref="ArgumentException">When <paramref name="image"/> is empty.</exception>
    public void SetImage(string image, ImagePullBehavior behavior)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        ArgumentNullException.ThrowIfNull(behavior);
        _images[image] = behavior;
    }

    /// <summary>Registers a batch of nodes (directly in the store, no HTTP round trips).</summary>
    /// <param name="options">The batch.</param>
    /// <returns>The new nodes' names.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When <see cref="NodeFleetOptions.Count"/> is negative or <see cref="NodeFleetOptions.NotReadyCount"/> exceeds it.</exception>
    public IReadOnlyList<string> AddNodes(NodeFleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.NotReadyCount, options.Count);
        var first = Interlocked.Add(ref _created, options.Count) - options.Count;
        var width = (first + options.Count).ToString(CultureInfo.InvariantCulture).Length;
        var names = new List<string>(options.Count);
        for (var i = 0; i < options.Count; i++)
        {
            var name = options.NamePrefix + (first + i).ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            var labels = new Dictionary<string, string>(options.Labels, StringComparer.Ordinal);
            if (options.EdgeRole)
            {
                labels[NodeFleetOptions.EdgeRoleLabel] = string.Empty;
            }

            if (options.Regions.Count > 0)
            {
                labels[NodeFleetOptions.RegionLabel] = options.Regions[i % options.Regions.Count];
            }

            var ready = i < options.Count - options.NotReadyCount;
            _store.Create(_nodes, null, NodeObjects.Create(name, labels, ready, options.KubeletVersion, _time.GetUtcNow()));
            _readiness[name] = ready;
            names.Add(name);
        }

        return names;
    }

    /// <summary>
    /// Makes a node Ready or NotReady (its Ready condition changes). A NotReady node's kubelet does nothing; the pods
    /// bound to it meanwhile start once it is Ready again, as a kubelet that comes back online starts them.
    /// </summary>
    /// <param name="nodeName">The node.</param>
    /// <param name="ready">Whether it is ready.</param>
    /// <exception cref="ArgumentException">When the node is not part of the fleet.</exception>
    public void SetReady(string nodeName, bool ready)
    {
        if (!_readiness.ContainsKey(nodeName))
        {
            throw new ArgumentException($"'{nodeName}' is not a node of the simulated fleet.", nameof(nodeName));
        }

        _readiness[nodeName] = ready;
        var now = _time.GetUtcNow();
        _store.Patch(_nodes, null, nodeName, node =>
        {
            node["status"]!["conditions"] = new System.Text.Json.Nodes.JsonArray(NodeObjects.ReadyCondition(ready, now));
            return node;
        }, statusOnly: true);
        if (ready)
        {
            BecameReady?.Invoke(nodeName);
        }
    }

    /// <summary>Raised with a node's name after <see cref="SetReady"/> made it Ready (the kubelets start its parked pods).</summary>
    internal event Action<string>? BecameReady;

    /// <summary>Whether a node is simulated and Ready.</summary>
    internal bool IsReady(string nodeName) => _readiness.TryGetValue(nodeName, out var ready) && ready;

    /// <summary>The behaviour for an image.</summary>
    internal ImagePullBehavior BehaviorFor(string image) => _images.GetValueOrDefault(image) ?? DefaultBehavior;
}
