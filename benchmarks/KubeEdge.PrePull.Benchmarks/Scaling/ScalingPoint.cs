namespace KubeEdge.PrePull.Benchmarks.Scaling;

/// <summary>One measured point of the fleet scaling report.</summary>
/// <param name="Mode"><c>in-process</c> (core planner + scheduler) or <c>end-to-end</c> (controller + API server).</param>
/// <param name="Nodes">Fleet size.</param>
/// <param name="Wall">Wall time of the job (see the report's notes for where it starts and stops).</param>
/// <param name="Memory">Memory and allocations over the point.</param>
/// <param name="Succeeded">Nodes that ended <c>Successful</c>.</param>
/// <param name="Outcome">The job's final phase, or what went wrong.</param>
/// <param name="Detail">Mode-specific split, e.g. planning vs scheduling time.</param>
/// <param name="Wire">API traffic, end-to-end points only.</param>
/// <param name="Controller">The controller process's CPU, allocation, GC pauses and exceptions over the job, end-to-end points only.</param>
/// <param name="Server">The API server process's side, end-to-end points only (null if it did not report).</param>
internal sealed record ScalingPoint(
    string Mode,
    int Nodes,
    TimeSpan Wall,
    MemoryReading Memory,
    int Succeeded,
    string Outcome,
    string Detail,
    WireReading? Wire = null,
    ProcessCost? Controller = null,
    ServerReading? Server = null);
