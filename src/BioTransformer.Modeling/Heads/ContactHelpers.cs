using static TorchSharp.torch;

namespace BioTransformer.Modeling.Heads;

/// <summary>The two pure operations of ESM's attention-based contact prediction.</summary>
public static class ContactHelpers
{
    /// <summary>x + xᵀ over the last two dimensions: a pair's score no longer depends on its order.</summary>
    public static Tensor Symmetrize(Tensor x) => x + x.transpose(-1, -2);

    /// <summary>
    /// Average product correction (Dunn et al. 2008): subtracts from each entry the product of its row
    /// and column sums divided by the total, removing the background every row shares.
    /// Over the last two dimensions of (..., L, L).
    /// </summary>
    public static Tensor Apc(Tensor x)
    {
        var rows = x.sum(-1, keepdim: true);                  // (..., L, 1)
        var columns = x.sum(-2, keepdim: true);               // (..., 1, L)
        var total = x.sum([-1L, -2L], keepdim: true);         // (..., 1, 1)
        return x - rows * columns / total.clamp_min(1e-12);   // attention maps are ≥ 0: only an all-zero map reaches the floor
    }
}
