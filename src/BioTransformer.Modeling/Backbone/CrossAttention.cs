using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace BioTransformer.Modeling.Backbone;

/// <summary>
/// Multi-head attention from a decoder's positions (queries) to an encoder's output (keys and values),
/// as in the original encoder–decoder transformer. No positional rotation: queries and keys live in
/// different sequences. The keys and values of a source are computed once (<see cref="KeysValues"/>) and
/// reused at every decoding step.
/// </summary>
public sealed class CrossAttention : Module
{
    private readonly Linear query;
    private readonly Linear keyValue;
    private readonly Linear proj;
    private readonly int heads;
    private readonly double dropout;

    public CrossAttention(BackboneConfig config) : base(nameof(CrossAttention))
    {
        heads = config.Heads;
        dropout = config.Dropout;
        query = Linear(config.Dim, config.Dim);
        keyValue = Linear(config.Dim, 2 * config.Dim);
        proj = Linear(config.Dim, config.Dim);
        RegisterComponents();
    }

    /// <summary>The output projection, exposed for the residual-scaled initialisation.</summary>
    internal Linear OutputProjection => proj;

    /// <summary>Keys and values (each (B, H, S, D)) of the encoder's output <paramref name="memory"/> (B, S, C).</summary>
    public (Tensor Keys, Tensor Values) KeysValues(Tensor memory)
    {
        long b = memory.shape[0], s = memory.shape[1], c = memory.shape[2];
        var kv = keyValue.forward(memory).view(b, s, 2, heads, c / heads).permute(2, 0, 3, 1, 4);   // (2, B, H, S, D)
        return (kv[0], kv[1]);
    }

    /// <param name="x">(B, T, C) normalised decoder hidden states.</param>
    /// <param name="keys">(B, H, S, D) from <see cref="KeysValues"/>.</param>
    /// <param name="values">(B, H, S, D) from <see cref="KeysValues"/>.</param>
    /// <param name="sourceMask">(B, 1, 1, S) bool, true at real source tokens; null when none is padding.</param>
    /// <param name="needWeights">Whether to return the attention weights (B, H, T, S) (explicit softmax instead of the fused kernel).</param>
    public (Tensor Output, Tensor? Weights) Forward(Tensor x, Tensor keys, Tensor values, Tensor? sourceMask, bool needWeights)
    {
        long b = x.shape[0], t = x.shape[1], c = x.shape[2];
        var q = query.forward(x).view(b, t, heads, c / heads).transpose(1, 2);                      // (B, H, T, D)
        double p = training ? dropout : 0.0;
        Tensor output;
        Tensor? weights = null;
        if (!needWeights) output = functional.scaled_dot_product_attention(q, keys, values, sourceMask, p);
        else
        {
            var scores = q.matmul(keys.transpose(-2, -1)) / Math.Sqrt(c / heads);                   // (B, H, T, S)
            if (sourceMask is not null) scores = scores.masked_fill(sourceMask.logical_not(), SelfAttention.MaskedScore);
            weights = functional.softmax(scores, dim: -1);
            output = functional.dropout(weights, p, training).matmul(values);                      // (B, H, T, D)
        }
        return (proj.forward(output.transpose(1, 2).reshape(b, t, c)), weights);
    }
}
