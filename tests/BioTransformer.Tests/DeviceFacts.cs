namespace BioTransformer.Tests;

/// <summary>A test that needs an NVIDIA GPU (a CUDA build on a machine with one); reported as skipped, with the reason, elsewhere.</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!TorchSharp.torch.cuda.is_available())
            Skip = "needs a CUDA device (build with -p:TorchDevice=cuda on a machine with an NVIDIA GPU; scripts/gpu-smoke.sh runs every task there)";
    }
}

/// <summary>A test of what happens without a GPU; reported as skipped, with the reason, where CUDA is available.</summary>
public sealed class NoCudaFactAttribute : FactAttribute
{
    public NoCudaFactAttribute()
    {
        if (TorchSharp.torch.cuda.is_available()) Skip = "checks the error when no CUDA device exists, and this machine has one";
    }
}
