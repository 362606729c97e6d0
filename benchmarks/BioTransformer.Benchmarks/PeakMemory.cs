namespace BioTransformer.Benchmarks;

/// <summary>The process's peak resident memory so far (VmHWM from /proc; NaN where there is no /proc).</summary>
public static class PeakMemory
{
    public static double MiB()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return double.NaN;
        foreach (var line in File.ReadLines(status))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return double.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
        return double.NaN;
    }
}
