namespace KubeEdge.PrePull.Benchmarks.Scaling;

/// <summary>The controller's API traffic over one end-to-end point, as counted by the controller tests' <c>RequestCounter</c>.</summary>
/// <param name="Requests">Every request the controller sent.</param>
/// <param name="StatusWrites">Writes to <c>imageprepulljobs/status</c>.</param>
/// <param name="ByKind">Requests by verb and resource, e.g. <c>POST pods</c>.</param>
internal sealed record WireReading(int Requests, int StatusWrites, IReadOnlyDictionary<string, int> ByKind);
