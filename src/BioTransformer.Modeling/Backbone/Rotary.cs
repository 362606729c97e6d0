using static TorchSharp.torch;

namespace BioTransformer.Modeling.Backbone;

/// <summary>
/// Rotary position embeddings (RoPE) in the "rotate half" layout used by GPT-NeoX and ESM-2: the
/// first and second halves of each head's channels form the (x, y) pairs that are rotated.
/// Pure functions, so there is no state to move between devices or to save.
/// </summary>
public static class Rotary
{
    /// <summary>
    /// Cosines and sines for positions offset .. offset+length-1, each (length, headDim), float32.
    /// Frequencies θ_i = base^(−2i/headDim), base 10000.
    /// </summary>
    public static (Tensor Cos, Tensor Sin) Angles(int length, int headDim, Device device, long offset = 0)
    {
        using var scope = NewDisposeScope();
        var invFreq = 1.0 / pow(10000.0, arange(0, headDim, 2, dtype: float64, device: device) / headDim); // (D/2)
        var positions = arange(offset, offset + length, dtype: float64, device: device);                   // (T)
        var freqs = outer(positions, invFreq);                                                             // (T, D/2)
        var angles = cat([freqs, freqs], dim: -1);                                                          // (T, D)
        return (angles.cos().to(float32).MoveToOuterDisposeScope(), angles.sin().to(float32).MoveToOuterDisposeScope());
    }

    /// <summary>Rotates x (B, H, T, D) by the angles (T, D).</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        long half = x.shape[^1] / 2;
        var x1 = x[.., .., .., ..(int)half];
        var x2 = x[.., .., .., (int)half..];
        var rotated = cat([-x2, x1], dim: -1);
        return x * cos + rotated * sin;
    }
}
