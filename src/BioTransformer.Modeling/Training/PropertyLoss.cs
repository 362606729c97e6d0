using BioTransformer.Modeling.Heads;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace BioTransformer.Modeling.Training;

/// <summary>Masked multi-target losses: only present labels count, each equally.</summary>
public static class PropertyLoss
{
    /// <param name="outputs">(B, K) model outputs.</param>
    /// <param name="targets">(B, K) targets (any value where masked).</param>
    /// <param name="mask">(B, K) float, 1 where the label is present.</param>
    /// <returns>Scalar: mean over present labels of squared error (regression) or binary cross-entropy on logits.</returns>
    public static Tensor Compute(PropertyTask task, Tensor outputs, Tensor targets, Tensor mask)
    {
        var perLabel = task == PropertyTask.Regression
            ? (outputs - targets).square()
            : functional.binary_cross_entropy_with_logits(outputs, targets, reduction: Reduction.None);
        // where, not a product with the mask: a missing label's term is dropped even if it is not finite (0 · ∞ = NaN).
        return where(mask.gt(0), perLabel, zeros_like(perLabel)).sum() / mask.sum().clamp_min(1.0);
    }
}
