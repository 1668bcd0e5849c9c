namespace KubeEdge.PrePull.Benchmarks.Scaling;

/// <summary>One line of a chart panel: (node count, value) points, a colour and whether it is dashed.</summary>
internal sealed record ChartSeries(string Label, string Color, bool Dashed, IReadOnlyList<(double X, double Y)> Points);
