using System.Globalization;

namespace KubeEdge.PrePull.Benchmarks.Scaling;

/// <summary>
/// Arguments of <c>report</c>: <c>--quick</c> (1k/10k in process, 2k end to end), <c>--in-process 1000,10000</c>,
/// <c>--end-to-end 2000</c> (an empty list skips the mode), <c>--limit-seconds 1800</c> (per end-to-end point),
/// <c>--out DIR</c> (default: <c>benchmarks/results</c> of the repository around the working directory).
/// </summary>
internal sealed record ReportOptions(IReadOnlyList<int> InProcess, IReadOnlyList<int> EndToEnd, TimeSpan Limit, string OutputDirectory)
{
    public static ReportOptions Parse(IReadOnlyList<string> args)
    {
        IReadOnlyList<int> inProcess = [1_000, 10_000, 100_000];
        IReadOnlyList<int> endToEnd = [2_000, 10_000, 100_000];
        var limit = TimeSpan.FromMinutes(30);
        string? output = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    inProcess = [1_000, 10_000];
                    endToEnd = [2_000];
                    break;
                case "--in-process":
                    inProcess = Counts(args, ++i);
                    break;
                case "--end-to-end":
                    endToEnd = Counts(args, ++i);
                    break;
                case "--limit-seconds":
                    limit = TimeSpan.FromSeconds(int.Parse(Value(args, i++), CultureInfo.InvariantCulture));
                    break;
                case "--out":
                    output = Value(args, i++);
                    break;
                default:
                    throw new ArgumentException($"report: unknown argument '{args[i]}' (known: --quick, --in-process, --end-to-end, --limit-seconds, --out)", nameof(args));
            }
        }

        return new ReportOptions(inProcess, endToEnd, limit, output ?? DefaultOutput());
    }

    private static string Value(IReadOnlyList<string> args, int flag) =>
        flag + 1 < args.Count ? args[flag + 1] : throw new ArgumentException($"report: {args[flag]} needs a value", nameof(args));

    private static int[] Counts(IReadOnlyList<string> args, int index) =>
        index < args.Count
            ? [.. args[index].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, NumberStyles.AllowThousands, CultureInfo.InvariantCulture))]
            : throw new ArgumentException($"report: {args[index - 1]} needs a comma-separated list of node counts", nameof(args));

    /// <summary>The repository is the nearest directory up from the working directory that has Directory.Packages.props.</summary>
    private static string DefaultOutput()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
            {
                return Path.Combine(dir.FullName, "benchmarks", "results");
            }
        }

        throw new InvalidOperationException("report: run it inside the repository, or pass --out DIR");
    }
}
