using k8s;

namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>One event of the pull pods' watch, as <see cref="PodStateReader"/> reads it.</summary>
/// <param name="Type">The event's type.</param>
/// <param name="Pod">The pod's state (for a bookmark only its resource version); <see langword="null"/> for an error.</param>
/// <param name="Code">For an <see cref="WatchEventType.Error"/> event, the status code it carries (e.g. 410 Gone).</param>
internal readonly record struct PodWatchEvent(WatchEventType Type, PodState? Pod, int? Code = null);
