using BioTransformer.Core;
using TorchSharp;

namespace BioTransformer.Modeling;

/// <summary>Loading libtorch, choosing the device and the number of CPU threads.</summary>
public static class TorchRuntime
{
    /// <summary>Device names accepted in manifests and on the command line.</summary>
    public static IReadOnlyList<string> DeviceNames { get; } = ["auto", "cpu", "cuda"];

    /// <summary>
    /// Loads libtorch, turning a native-library failure into a one-line error instead of a
    /// TypeInitializationException from deep inside TorchSharp.
    /// </summary>
    public static void EnsureLoaded()
    {
        try
        {
            _ = torch.get_num_threads();
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or NotSupportedException)
        {
            var inner = e;
            while (inner.InnerException is not null) inner = inner.InnerException;
            throw new InputException(
                $"libtorch failed to load: {inner.Message.Split('\n')[0]} " +
                "(build with 'dotnet build' from the repository so the Linux fix-up in Directory.Build.targets runs; " +
                "'ldd' on libLibTorchSharp.so in the output folder shows the missing library)", e);
        }
    }

    /// <summary>
    /// The torch device for "auto" (CUDA when available, else CPU), "cpu" or "cuda".
    /// Asking for CUDA where there is none is an error, never a silent fallback.
    /// </summary>
    public static torch.Device ResolveDevice(string name)
    {
        EnsureLoaded();
        bool cuda = torch.cuda.is_available();
        return name switch
        {
            "cpu" => torch.CPU,
            "auto" => cuda ? torch.CUDA : torch.CPU,
            "cuda" when cuda => torch.CUDA,
            "cuda" => throw new InputException(
                "CUDA was requested but no CUDA device is available to this build " +
                "(ask for \"cpu\" or \"auto\", or build with -p:TorchDevice=cuda on a machine with an NVIDIA GPU; see docs/architecture.md, \"CPU, CUDA and Debian 12\")"),
            _ => throw new InputException($"unknown device '{name}' (expected one of: {string.Join(", ", DeviceNames)})"),
        };
    }

    /// <summary>Seeds torch's generator (initial weights, dropout) for a reproducible run.</summary>
    public static void Seed(int seed)
    {
        EnsureLoaded();
        torch.manual_seed(seed);
    }

    /// <summary>Moves a model's weights to <paramref name="device"/> (nothing to do on the CPU it was built on).</summary>
    public static void MoveTo(torch.nn.Module model, torch.Device device) => model.to(device);

    /// <summary>A model's weights: all of them, and those training updates (a frozen backbone's are not).</summary>
    public static (long All, long Trained) ParameterCounts(torch.nn.Module model) =>
        (model.parameters().Sum(p => p.numel()), model.parameters().Where(p => p.requires_grad).Sum(p => p.numel()));

    /// <summary>Sets the intra-op CPU threads; 0 means one per logical core. Returns the number in use.</summary>
    public static int SetThreads(int threads)
    {
        EnsureLoaded();
        torch.set_num_threads(threads > 0 ? threads : Environment.ProcessorCount);
        return torch.get_num_threads();
    }

    /// <summary>TorchSharp's assembly version and libtorch's version, for the run's environment record.</summary>
    public static (string TorchSharp, string LibTorch) Versions()
    {
        EnsureLoaded();
        var ts = typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown";
        return (ts, torch.__version__);
    }
}
