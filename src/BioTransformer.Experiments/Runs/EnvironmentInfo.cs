using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using BioTransformer.Modeling;

namespace BioTransformer.Experiments.Runs;

/// <summary>What a reader needs to reproduce a run: software versions, machine, device, threads, git state.</summary>
public static class EnvironmentInfo
{
    public static JsonObject Capture(string device, int threads, string workingDirectory)
    {
        var (torchSharp, libTorch) = TorchRuntime.Versions();
        // Read from the repository's files: running git would honour the repository's own config (fsmonitor, filters).
        var git = GitState.Of(workingDirectory);
        return new JsonObject
        {
            ["biotransformer"] = typeof(EnvironmentInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
            ["os"] = RuntimeInformation.OSDescription,
            ["architecture"] = RuntimeInformation.OSArchitecture.ToString(),
            ["dotnet"] = RuntimeInformation.FrameworkDescription,
            ["torchsharp"] = torchSharp,
            ["libtorch"] = libTorch,
            ["device"] = device,
            ["threads"] = threads,
            ["logical_cores"] = Environment.ProcessorCount,
            ["cpu"] = CpuModel(),
            // libtorch and oneDNN pick kernels from the CPU unless these say otherwise; results can differ in the last bits.
            ["aten_cpu_capability"] = Environment.GetEnvironmentVariable("ATEN_CPU_CAPABILITY") ?? "auto",
            ["onednn_max_cpu_isa"] = Environment.GetEnvironmentVariable("ONEDNN_MAX_CPU_ISA") ?? "auto",
            ["memory_gib"] = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1),
            ["hostname"] = Environment.MachineName,
            ["command_line"] = string.Join(' ', Environment.GetCommandLineArgs()),
            ["git_commit"] = git.Commit,
            ["git_dirty"] = git.Dirty,
        };
    }

    private static string? CpuModel()
    {
        try
        {
            if (!File.Exists("/proc/cpuinfo")) return null;
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
