using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace BioTransformer.Modeling.Backbone;

/// <summary>
/// Pre-LayerNorm decoder block: x + SelfAttn(LN(x)) (causal), x + CrossAttn(LN(x), encoder output),
/// x + FFN(LN(x)). The self-attention, feed-forward and their norms carry the same names as in
/// <see cref="TransformerBlock"/>, so an encoder block's weights can initialise them.
/// </summary>
public sealed class DecoderBlock : Module
{
    private readonly LayerNorm norm1;
    private readonly SelfAttention attention;
    private readonly LayerNorm crossNorm;
    private readonly CrossAttention crossAttention;
    private readonly LayerNorm norm2;
    private readonly Linear ff1;
    private readonly Linear ff2;
    private readonly Dropout residualDropout;

    public DecoderBlock(BackboneConfig config) : base(nameof(DecoderBlock))
    {
        norm1 = LayerNorm(config.Dim);
        attention = new SelfAttention(config);
        crossNorm = LayerNorm(config.Dim);
        crossAttention = new CrossAttention(config);
        norm2 = LayerNorm(config.Dim);
        ff1 = Linear(config.Dim, config.FeedForward);
        ff2 = Linear(config.FeedForward, config.Dim);
        residualDropout = Dropout(config.Dropout);
        RegisterComponents();
    }

    internal IEnumerable<Linear> ResidualProjections => [attention.OutputProjection, crossAttention.OutputProjection, ff2];

    /// <summary>Keys and values of the encoder's output for this block's cross-attention.</summary>
    public (Tensor Keys, Tensor Values) SourceKeysValues(Tensor memory) => crossAttention.KeysValues(memory);

    /// <param name="x">(B, T, C) decoder hidden states.</param>
    /// <returns>(B, T, C) and, when asked, the cross-attention weights (B, H, T, S).</returns>
    public (Tensor Output, Tensor? CrossWeights) Forward(Tensor x, (Tensor Cos, Tensor Sin)? rotary, DecoderSource source, int layer, bool needWeights)
    {
        var (attended, _) = attention.Forward(norm1.forward(x), null, causal: true, rotary, needWeights: false);
        x = x + residualDropout.forward(attended);
        var (crossed, weights) = crossAttention.Forward(crossNorm.forward(x), source.Keys[layer], source.Values[layer], source.Mask, needWeights);
        x = x + residualDropout.forward(crossed);
        var hidden = functional.gelu(ff1.forward(norm2.forward(x)));
        return (x + residualDropout.forward(ff2.forward(hidden)), weights);
    }

    /// <summary>The block on new positions of a target being decoded, reading and filling <paramref name="cache"/>.</summary>
    public Tensor ForwardCached(Tensor x, KeyValueCache cache, int layer, (Tensor Cos, Tensor Sin)? rotary, DecoderSource source)
    {
        x = x + residualDropout.forward(attention.ForwardCached(norm1.forward(x), cache, layer, rotary));
        var (crossed, _) = crossAttention.Forward(crossNorm.forward(x), source.Keys[layer], source.Values[layer], source.Mask, needWeights: false);
        x = x + residualDropout.forward(crossed);
        var hidden = functional.gelu(ff1.forward(norm2.forward(x)));
        return x + residualDropout.forward(ff2.forward(hidden));
    }
}

/// <summary>
/// What the decoder reads of an encoded source: each layer's cross-attention keys and values
/// (B, H, S, D), computed once, and the source padding mask (B, 1, 1, S) (null when nothing is padding).
/// </summary>
public sealed record DecoderSource(IReadOnlyList<Tensor> Keys, IReadOnlyList<Tensor> Values, Tensor? Mask)
{
    /// <summary>The same source for each of <paramref name="copies"/> consecutive rows (beams or samples of one input).</summary>
    public DecoderSource Repeat(int copies) => copies == 1 ? this : new(
        [.. Keys.Select(k => k.repeat_interleave(copies, dim: 0))],
        [.. Values.Select(v => v.repeat_interleave(copies, dim: 0))],
        Mask?.repeat_interleave(copies, dim: 0));
}
