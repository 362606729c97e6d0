using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace BioTransformer.Modeling.Backbone;

/// <summary>
/// Multi-head self-attention. Uses the fused scaled_dot_product_attention kernel unless the caller
/// asks for the attention weights (e.g. for ESM-style contact prediction), which need the explicit
/// softmax(QKᵀ/√d) path; both give the same output (a test checks it).
/// </summary>
public sealed class SelfAttention : Module
{
    private readonly Linear qkv;
    private readonly Linear proj;
    private readonly int heads;
    private readonly double dropout;

    public SelfAttention(BackboneConfig config) : base(nameof(SelfAttention))
    {
        heads = config.Heads;
        dropout = config.Dropout;
        qkv = Linear(config.Dim, 3 * config.Dim);
        proj = Linear(config.Dim, config.Dim);
        RegisterComponents();
    }

    /// <summary>The output projection, exposed for the residual-scaled initialisation.</summary>
    internal Linear OutputProjection => proj;

    /// <param name="x">(B, T, C) normalised hidden states.</param>
    /// <param name="keyMask">(B, 1, 1, T) bool, true where the key is a real token; null when all are.</param>
    /// <param name="causal">Whether position t may only attend to positions ≤ t.</param>
    /// <param name="rotary">Cos and sin (T, C/H) for rotary embeddings, or null.</param>
    /// <param name="needWeights">Whether to return the attention weights.</param>
    /// <returns>Output (B, T, C) and, if asked, the weights (B, H, T, T).</returns>
    public (Tensor Output, Tensor? Weights) Forward(Tensor x, Tensor? keyMask, bool causal, (Tensor Cos, Tensor Sin)? rotary, bool needWeights)
    {
        long b = x.shape[0], t = x.shape[1], c = x.shape[2];
        var (q, k, v) = QueryKeyValue(x, rotary);                                                  // each (B, H, T, D)

        Tensor output;
        Tensor? weights = null;
        double p = training ? dropout : 0.0;
        if (!needWeights)
        {
            var mask = keyMask;
            if (causal && keyMask is not null) mask = keyMask.logical_and(CausalMask(t, x.device));
            output = functional.scaled_dot_product_attention(q, k, v, mask, p, is_casual: causal && keyMask is null);
        }
        else
        {
            var scores = q.matmul(k.transpose(-2, -1)) / Math.Sqrt(c / heads);                      // (B, H, T, T)
            var allowed = keyMask;
            if (causal) allowed = allowed is null ? CausalMask(t, x.device) : allowed.logical_and(CausalMask(t, x.device));
            if (allowed is not null) scores = scores.masked_fill(allowed.logical_not(), MaskedScore);
            weights = functional.softmax(scores, dim: -1);
            output = functional.dropout(weights, p, training).matmul(v);                              // (B, H, T, D)
        }
        output = output.transpose(1, 2).reshape(b, t, c);                                            // (B, T, C)
        return (proj.forward(output), weights);
    }

    /// <summary>
    /// Causal attention for positions cache.Length .. cache.Length+T-1 of a decoded sequence: the new keys and
    /// values are stored in the cache and the queries attend to every stored position up to their own.
    /// Either a prompt at an empty cache (T ≥ 1) or one new token at a time.
    /// </summary>
    /// <param name="x">(B, T, C) normalised hidden states of the new positions.</param>
    /// <param name="rotary">Cos and sin (T, C/H) at the new positions' offsets, or null.</param>
    public Tensor ForwardCached(Tensor x, KeyValueCache cache, int layer, (Tensor Cos, Tensor Sin)? rotary)
    {
        long b = x.shape[0], t = x.shape[1], c = x.shape[2];
        if (t > 1 && cache.Length > 0) throw new ArgumentException("after the prompt, decode one position at a time");
        var (q, k, v) = QueryKeyValue(x, rotary);                                                  // each (B, H, T, D)
        var (allKeys, allValues) = cache.Append(layer, k, v);                                          // (B, H, L+T, D)
        // A single new query may see every stored position; a prompt needs the causal mask among itself.
        var output = functional.scaled_dot_product_attention(q, allKeys, allValues, is_casual: t > 1);   // (B, H, T, D)
        output = output.transpose(1, 2).reshape(b, t, c);                                               // (B, T, C)
        return proj.forward(output);
    }

    /// <summary>Queries, keys and values (each (B, H, T, D)) of x, with rotary embeddings applied to queries and keys.</summary>
    private (Tensor Q, Tensor K, Tensor V) QueryKeyValue(Tensor x, (Tensor Cos, Tensor Sin)? rotary)
    {
        long b = x.shape[0], t = x.shape[1], c = x.shape[2];
        var qkvOut = qkv.forward(x).view(b, t, 3, heads, c / heads).permute(2, 0, 3, 1, 4); // (3, B, H, T, D)
        Tensor q = qkvOut[0], k = qkvOut[1], v = qkvOut[2];
        if (rotary is { } r)
        {
            q = Rotary.Apply(q, r.Cos, r.Sin);
            k = Rotary.Apply(k, r.Cos, r.Sin);
        }
        return (q, k, v);
    }

    /// <summary>
    /// The score of a position a query may not attend to. Finite, not −∞: exp of it underflows to exactly 0
    /// beside any allowed position, so results are unchanged, but a row with nothing allowed becomes uniform
    /// instead of 0/0 = NaN, on every kernel path.
    /// </summary>
    internal const float MaskedScore = -1e9f;

    /// <summary>(T, T) bool, true on and below the diagonal.</summary>
    private static Tensor CausalMask(long t, Device device) => ones(t, t, dtype: @bool, device: device).tril();
}
