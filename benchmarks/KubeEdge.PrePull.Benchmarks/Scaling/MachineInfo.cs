using System.Globalization;
using System.Runtime.InteropServices;

namespace KubeEdge.PrePull.Benchmarks.Scaling;

/// <summary>The machine a report ran on, read from the runtime and (on Linux) <c>/proc</c>.</summary>
internal sealed record MachineInfo(string Cpu, int Cores, string Ram, string Os, string Runtime, string GcMode)
{
    public static MachineInfo Read()
    {
        var cpu = ProcLine("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        if (ProcLine("/proc/cpuinfo", "cpu MHz") is { } mhz && double.TryParse(mhz, CultureInfo.InvariantCulture, out var clock))
        {
            cpu += string.Create(CultureInfo.InvariantCulture, $" @ {clock / 1000:F2} GHz");
        }

        var ram = ProcLine("/proc/meminfo", "MemTotal") is { } total && long.TryParse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture, out var kb)
            ? string.Create(CultureInfo.InvariantCulture, $"{kb / 1024.0 / 1024.0:F1} GiB")
            : string.Create(CultureInfo.InvariantCulture, $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024.0 / 1024.0:F1} GiB available to the GC");
        var gc = System.Runtime.GCSettings.IsServerGC ? "server GC" : "workstation GC";
        gc += System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.Interactive ? ", concurrent" : string.Empty;
        return new MachineInfo(cpu, Environment.ProcessorCount, ram, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, gc);
    }

    /// <summary>The 1, 5 and 15 minute load averages, or "n/a" off Linux.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    private static string? ProcLine(string path, string key)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
