using System.Globalization;

namespace KubeEdge.PrePull.Runtime.Pulling.Internal;

/// <summary>Memory, CPU and filesystem usage of the host, in percent, read from procfs and statvfs.</summary>
internal static class HostUsage
{
    /// <summary>Memory in use: 1 - MemAvailable / MemTotal (what the kernel says could still be allocated).</summary>
    public static double MemoryPercent(string procPath)
    {
        long? total = null, available = null;
        foreach (var line in File.ReadLines(Path.Combine(procPath, "meminfo")))
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                total = KiloBytes(line);
            }
            else if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
            {
                available = KiloBytes(line);
            }
        }

        if (total is not > 0 || available is null)
        {
            throw new InvalidDataException($"{Path.Combine(procPath, "meminfo")} has no MemTotal/MemAvailable.");
        }

        return 100.0 * (total.Value - available.Value) / total.Value;
    }

    /// <summary>CPU busy time over <paramref name="interval"/>, from two samples of the <c>cpu</c> line of <c>/proc/stat</c>.</summary>
    public static async ValueTask<double> CpuPercentAsync(string procPath, TimeSpan interval, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var (idle1, total1) = CpuTimes(procPath);
        await Task.Delay(interval, timeProvider, cancellationToken).ConfigureAwait(false);
        var (idle2, total2) = CpuTimes(procPath);
        var total = total2 - total1;
        return total <= 0 ? 0 : 100.0 * (total - (idle2 - idle1)) / total;
    }

    /// <summary>Used space of the filesystem holding <paramref name="path"/>, with its size.</summary>
    public static (double Percent, long TotalBytes) FilesystemPercent(string path)
    {
        var drive = new DriveInfo(path);
        var total = drive.TotalSize;
        return total <= 0 ? (0, 0) : (100.0 * (total - drive.TotalFreeSpace) / total, total);
    }

    private static long KiloBytes(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(parts[1], CultureInfo.InvariantCulture);
    }

    private static (long Idle, long Total) CpuTimes(string procPath)
    {
        var file = Path.Combine(procPath, "stat");
        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal))
            ?? throw new InvalidDataException($"{file} has no 'cpu' line.");

        // user nice system idle iowait irq softirq steal ...; idle time is idle + iowait.
        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var idle = values[3] + (values.Length > 4 ? values[4] : 0);
        return (idle, values.Sum());
    }
}
