namespace KubeEdge.PrePull.Benchmarks.Scaling;

/// <summary>
/// One line of a chart panel: (node count, value) points, a colour, whether it is dashed and how (an SVG dash array,
/// default "6 4"), and whether its points get markers (goal lines do not).
/// </summary>
internal sealed record ChartSeries(string Label, string Color, bool Dashed, IReadOnlyList<(double X, double Y)> Points, string? Dash = null, bool Markers = true);
