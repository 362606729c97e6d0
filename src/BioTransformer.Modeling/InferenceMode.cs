using static TorchSharp.torch;

namespace BioTransformer.Modeling;

/// <summary>
/// A module in evaluation mode (no dropout) with autograd off for the lifetime of the scope; on
/// dispose autograd is back on and the module's training flag is what it was before.
/// <code>using var inference = InferenceMode.Enter(model);</code>
/// </summary>
public sealed class InferenceMode : IDisposable
{
    private readonly nn.Module module;
    private readonly bool wasTraining;
    private readonly IDisposable noGrad;

    private InferenceMode(nn.Module module)
    {
        this.module = module;
        wasTraining = module.training;
        module.eval();
        noGrad = no_grad();
    }

    public static InferenceMode Enter(nn.Module module) => new(module);

    public void Dispose()
    {
        noGrad.Dispose();
        module.train(wasTraining);
    }
}
