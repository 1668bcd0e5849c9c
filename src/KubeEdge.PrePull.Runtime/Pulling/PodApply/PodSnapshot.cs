namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>The last known state of a pull pod, and a task that completes when it changes.</summary>
/// <param name="Pod">The pod; <see langword="null"/> before it was seen or once it is gone.</param>
/// <param name="Gone">Whether the pod was seen deleted (or missing from a list).</param>
/// <param name="Histories">Per container name, what has been seen.</param>
/// <param name="Changed">Completes at the next change.</param>
/// <param name="Closed">Whether the node ended and nobody follows the pod any more; waiters stop.</param>
internal sealed record PodSnapshot(PodState? Pod, bool Gone, IReadOnlyDictionary<string, ContainerHistory> Histories, Task Changed, bool Closed = false);
