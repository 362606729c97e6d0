using BioTransformer.Modeling.Backbone;
using static TorchSharp.torch;

namespace BioTransformer.Modeling.Heads;

/// <summary>How a sequence's token states become one vector.</summary>
public enum Pooling
{
    /// <summary>The state of the leading &lt;cls&gt; token.</summary>
    Cls,

    /// <summary>The mean over every non-padding token (cls, tag and eos included).</summary>
    Mean,
}

/// <summary>Pooling as a pure function.</summary>
public static class Pool
{
    /// <returns>(B, C) pooled states.</returns>
    public static Tensor Apply(Pooling pooling, BackboneOutput output)
    {
        if (pooling == Pooling.Cls) return output.Hidden[.., 0, ..];                            // (B, C)
        var weights = output.PaddingMask.unsqueeze(-1).to(output.Hidden.dtype);                  // (B, T, 1)
        return (output.Hidden * weights).sum(1) / weights.sum(1).clamp_min(1.0);                 // (B, C)
    }
}
