using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BioTransformer.Modeling.Training;

/// <summary>Global-norm gradient clipping that stays on the device.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales every gradient by min(1, maxNorm / (‖g‖ + 1e-6)) where ‖g‖ is the L2 norm of all gradients
    /// together — libtorch's <c>clip_grad_norm_</c>, written out so the norm comes back as a tensor: the
    /// caller reads it (and checks it is finite) when it next syncs with the device, not on every step.
    /// </summary>
    /// <param name="maxNorm">Largest allowed norm; 0 or less measures the norm without clipping.</param>
    /// <returns>A scalar tensor: the norm before clipping (0 when no parameter has a gradient).</returns>
    public static Tensor ClipGlobalNorm(IEnumerable<Parameter> parameters, double maxNorm)
    {
        var grads = parameters.Select(p => p.grad).Where(g => g is not null).Select(g => g!).ToList();
        if (grads.Count == 0) return zeros([]);
        var norms = grads.Select(g => g.detach().norm(2.0f)).ToArray();
        var total = norms.Length == 1 ? norms[0] : stack(norms).norm(2.0f);
        if (maxNorm > 0)
        {
            var coefficient = full_like(total, maxNorm).div(total + 1e-6).clamp_max(1.0);
            using (no_grad())
                foreach (var g in grads) g.mul_(coefficient);
        }
        return total;
    }
}
