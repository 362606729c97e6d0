using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace BioTransformer.Modeling.Backbone;

/// <summary>
/// Pre-LayerNorm transformer block: x + Attn(LN(x)), then x + FFN(LN(x)) with a GELU feed-forward.
/// Pre-LN trains stably without a long warm-up (Xiong et al. 2020).
/// </summary>
public sealed class TransformerBlock : Module
{
    private readonly LayerNorm norm1;
    private readonly SelfAttention attention;
    private readonly LayerNorm norm2;
    private readonly Linear ff1;
    private readonly Linear ff2;
    private readonly Dropout residualDropout;

    public TransformerBlock(BackboneConfig config) : base(nameof(TransformerBlock))
    {
        norm1 = LayerNorm(config.Dim);
        attention = new SelfAttention(config);
        norm2 = LayerNorm(config.Dim);
        ff1 = Linear(config.Dim, config.FeedForward);
        ff2 = Linear(config.FeedForward, config.Dim);
        residualDropout = Dropout(config.Dropout);
        RegisterComponents();
    }

    /// <summary>The two projections that write into the residual stream.</summary>
    internal IEnumerable<Linear> ResidualProjections => [attention.OutputProjection, ff2];

    /// <param name="x">(B, T, C).</param>
    /// <returns>(B, T, C) and the attention weights (B, H, T, T) when asked for.</returns>
    public (Tensor Output, Tensor? Weights) Forward(Tensor x, Tensor? keyMask, bool causal, (Tensor Cos, Tensor Sin)? rotary, bool needWeights)
    {
        var (attended, weights) = attention.Forward(norm1.forward(x), keyMask, causal, rotary, needWeights);
        x = x + residualDropout.forward(attended);
        var hidden = functional.gelu(ff1.forward(norm2.forward(x)));
        x = x + residualDropout.forward(ff2.forward(hidden));
        return (x, weights);
    }

    /// <summary>The block on new positions of a sequence being decoded, reading and filling <paramref name="cache"/>.</summary>
    /// <param name="x">(B, T, C) hidden states of the new positions.</param>
    public Tensor ForwardCached(Tensor x, KeyValueCache cache, int layer, (Tensor Cos, Tensor Sin)? rotary)
    {
        x = x + residualDropout.forward(attention.ForwardCached(norm1.forward(x), cache, layer, rotary));
        var hidden = functional.gelu(ff1.forward(norm2.forward(x)));
        return x + residualDropout.forward(ff2.forward(hidden));
    }
}
