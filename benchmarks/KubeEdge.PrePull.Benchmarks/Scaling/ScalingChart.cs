using System.Globalization;
using System.Net;
using System.Text;

namespace KubeEdge.PrePull.Benchmarks.Scaling;

/// <summary>
/// Writes the report's chart as a plain SVG: three log-log panels against node count: wall time, memory (managed,
/// and the controller process's working set end to end) and the controller's CPU per node end to end. Hand-written
/// rather than a plotting library so the report needs no native graphics assets on a headless build machine.
/// </summary>
internal static class ScalingChart
{
    private const double PanelWidth = 480;
    private const double PanelHeight = 420;
    private const double Left = 70;
    private const double Right = 36;
    private const double Top = 40;
    private const double Bottom = 170;
    private const string InProcessColor = "#1f77b4";
    private const string EndToEndColor = "#d62728";
    private const string ServerColor = "#2ca02c";
    private const string GoalColor = "#888888";

    /// <summary>Issue 21's goal for the controller's CPU per node at fleet scale.</summary>
    private const double CpuGoalMs = 1;

    /// <summary>Issue 21's goal for the controller process's peak at 100k nodes: 1.5 GB, in MB (1,024² bytes).</summary>
    public const double PeakGoalMb = 1.5 * 1024;

    public static string Render(IReadOnlyList<ScalingPoint> points, string subtitle)
    {
        var time = new List<ChartSeries>();
        var memory = new List<ChartSeries>();
        foreach (var (mode, color) in new[] { ("in-process", InProcessColor), ("end-to-end", EndToEndColor) })
        {
            var ofMode = points.Where(p => p.Mode == mode).OrderBy(p => p.Nodes).ToList();
            if (ofMode.Count == 0)
            {
                continue;
            }

            var who = mode == "end-to-end" ? mode + " controller" : mode;
            time.Add(Series(mode + " wall time", color, false, ofMode, p => p.Wall.TotalSeconds));
            memory.Add(Series(who + " peak managed", color, false, ofMode, p => Mb(p.Memory.PeakManagedBytes)));
            memory.Add(Series(who + " retained after GC", color, true, ofMode, p => Mb(p.Memory.RetainedAfterGcBytes)));
        }

        var cpu = new List<ChartSeries>();
        var endToEnd = points.Where(p => p.Mode == "end-to-end" && p.Controller is not null).OrderBy(p => p.Nodes).ToList();
        if (endToEnd.Count > 0)
        {
            memory.Add(Series("end-to-end controller peak working set", EndToEndColor, true, endToEnd, p => Mb(p.Memory.PeakWorkingSetBytes), Dots));
            var withServer = endToEnd.Where(p => p.Server is not null).ToList();
            if (withServer.Count > 0)
            {
                memory.Add(Series("end-to-end server peak working set", ServerColor, true, withServer, p => Mb(p.Server!.PeakWorkingSetBytes), Dots));
            }

            var range = ((double)endToEnd[0].Nodes, (double)endToEnd[^1].Nodes);
            memory.Add(GoalLine("goal ≤ 1.5 GB controller process", range, PeakGoalMb));
            cpu.Add(Series("end-to-end controller CPU / node", EndToEndColor, false, endToEnd, p => p.Controller!.Cpu.TotalMilliseconds / p.Nodes));
            cpu.Add(GoalLine($"goal ≤ {CpuGoalMs:0} ms / node", range, CpuGoalMs));
        }

        var svg = new StringBuilder();
        Append(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{PanelWidth * 3}\" height=\"{PanelHeight + 30}\" viewBox=\"0 0 {PanelWidth * 3} {PanelHeight + 30}\" font-family=\"sans-serif\" font-size=\"12\">");
        Append(svg, $"<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        Append(svg, $"<text x=\"{PanelWidth * 1.5}\" y=\"{PanelHeight + 18}\" text-anchor=\"middle\" fill=\"#555\">{WebUtility.HtmlEncode(subtitle)}</text>");
        Panel(svg, 0, "Wall time (s)", time);
        Panel(svg, PanelWidth, "Memory (MB)", memory);
        Panel(svg, PanelWidth * 2, "Controller CPU / node (ms)", cpu);
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private const string Dots = "2 3";

    /// <summary>A level line from the smallest to the largest end-to-end point, without markers.</summary>
    private static ChartSeries GoalLine(string label, (double From, double To) nodes, double level) =>
        new(label, GoalColor, true, [(nodes.From, level), (nodes.To, level)], Markers: false);

    private static double Mb(long bytes) => bytes / 1024.0 / 1024.0;

    /// <summary>A log axis cannot show zero or less (retained memory can be, within noise): such points are left out.</summary>
    private static ChartSeries Series(string label, string color, bool dashed, IEnumerable<ScalingPoint> points, Func<ScalingPoint, double> value, string? dash = null) =>
        new(label, color, dashed, [.. points.Select(p => ((double)p.Nodes, value(p))).Where(p => p.Item2 > 0)], dash);

    private static void Panel(StringBuilder svg, double offset, string title, IReadOnlyList<ChartSeries> series)
    {
        var all = series.SelectMany(s => s.Points).ToList();
        if (all.Count == 0)
        {
            return;
        }

        var (x0, x1) = Decades(all.Select(p => p.X));
        var (y0, y1) = Decades(all.Select(p => p.Y));
        var plotWidth = PanelWidth - Left - Right;
        var plotHeight = PanelHeight - Top - Bottom;
        double X(double v) => offset + Left + ((Math.Log10(v) - x0) / (x1 - x0) * plotWidth);
        double Y(double v) => Top + plotHeight - ((Math.Log10(Math.Max(v, Math.Pow(10, y0))) - y0) / (y1 - y0) * plotHeight);

        Append(svg, $"<text x=\"{offset + Left + (plotWidth / 2)}\" y=\"22\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">{title} vs nodes</text>");
        for (var d = x0; d <= x1; d++)
        {
            var x = X(Math.Pow(10, d));
            Append(svg, $"<line x1=\"{x:F1}\" y1=\"{Top}\" x2=\"{x:F1}\" y2=\"{Top + plotHeight}\" stroke=\"#ddd\"/>");
            Append(svg, $"<text x=\"{x:F1}\" y=\"{Top + plotHeight + 16}\" text-anchor=\"middle\">{Pow10Label(d)}</text>");
        }

        for (var d = y0; d <= y1; d++)
        {
            var y = Y(Math.Pow(10, d));
            Append(svg, $"<line x1=\"{offset + Left}\" y1=\"{y:F1}\" x2=\"{offset + Left + plotWidth}\" y2=\"{y:F1}\" stroke=\"#ddd\"/>");
            Append(svg, $"<text x=\"{offset + Left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{Pow10Label(d)}</text>");
        }

        Append(svg, $"<rect x=\"{offset + Left}\" y=\"{Top}\" width=\"{plotWidth}\" height=\"{plotHeight}\" fill=\"none\" stroke=\"#333\"/>");
        Append(svg, $"<text x=\"{offset + Left + (plotWidth / 2)}\" y=\"{Top + plotHeight + 36}\" text-anchor=\"middle\">nodes (log scale)</text>");
        Append(svg, $"<text transform=\"translate({offset + 18},{Top + (plotHeight / 2)}) rotate(-90)\" text-anchor=\"middle\">{title} (log scale)</text>");

        var legendY = Top + plotHeight + 60;
        foreach (var line in series)
        {
            var dash = line.Dashed ? $" stroke-dasharray=\"{line.Dash ?? "6 4"}\"" : string.Empty;
            var path = string.Join(' ', line.Points.Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"{(i == 0 ? 'M' : 'L')}{X(p.X):F1},{Y(p.Y):F1}")));
            Append(svg, $"<path d=\"{path}\" fill=\"none\" stroke=\"{line.Color}\" stroke-width=\"2\"{dash}/>");
            foreach (var (px, py) in line.Markers ? line.Points : [])
            {
                Append(svg, $"<circle cx=\"{X(px):F1}\" cy=\"{Y(py):F1}\" r=\"3.5\" fill=\"{line.Color}\"><title>{px:N0} nodes: {py:G4}</title></circle>");
            }

            Append(svg, $"<line x1=\"{offset + Left + 10}\" y1=\"{legendY - 4}\" x2=\"{offset + Left + 34}\" y2=\"{legendY - 4}\" stroke=\"{line.Color}\" stroke-width=\"2\"{dash}/>");
            Append(svg, $"<text x=\"{offset + Left + 40}\" y=\"{legendY}\">{WebUtility.HtmlEncode(line.Label)}</text>");
            legendY += 16;
        }
    }

    /// <summary>The whole decades that contain every value, at least one decade wide.</summary>
    private static (int Low, int High) Decades(IEnumerable<double> values)
    {
        var logs = values.Select(Math.Log10).ToList();
        var low = (int)Math.Floor(logs.Min());
        var high = (int)Math.Ceiling(logs.Max());
        return (low, Math.Max(high, low + 1));
    }

    private static string Pow10Label(int exponent) => exponent switch
    {
        >= 3 => string.Create(CultureInfo.InvariantCulture, $"{Math.Pow(10, exponent):N0}"),
        >= 0 => string.Create(CultureInfo.InvariantCulture, $"{Math.Pow(10, exponent):0}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Math.Pow(10, exponent):0.###}"),
    };

    private static void Append(StringBuilder svg, FormattableString line) => svg.AppendLine(FormattableString.Invariant(line));
}
