using BioTransformer.Core.Tokenization;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace BioTransformer.Modeling.Backbone;

/// <summary>
/// The one transformer shared by every task: token embedding (+ learned positions, or rotary inside
/// attention), a stack of pre-LN blocks, a final LayerNorm. Bidirectional or causal per call.
/// Weights start as N(0, 0.02) with the residual projections scaled by 1/√(2·layers) (GPT-2).
/// </summary>
public sealed class TransformerBackbone : Module
{
    private readonly Embedding tokens;
    private readonly Embedding? positions;
    private readonly Dropout embeddingDropout;
    private readonly ModuleList<TransformerBlock> blocks;
    private readonly LayerNorm finalNorm;

    public TransformerBackbone(BackboneConfig config) : base(nameof(TransformerBackbone))
    {
        config.Validate();
        Config = config;
        tokens = Embedding(config.VocabSize, config.Dim, padding_idx: Vocabulary.PadId);
        positions = config.Positional == PositionalEncoding.Learned ? Embedding(config.MaxLength, config.Dim) : null;
        embeddingDropout = Dropout(config.Dropout);
        blocks = new ModuleList<TransformerBlock>(Enumerable.Range(0, config.Layers).Select(_ => new TransformerBlock(config)).ToArray());
        finalNorm = LayerNorm(config.Dim);
        RegisterComponents();
        InitialiseWeights();
    }

    public BackboneConfig Config { get; }

    /// <summary>The token embedding table (VocabSize, C), shared with the language-model head.</summary>
    public Parameter TokenEmbedding => tokens.weight!;

    /// <param name="ids">(B, T) int64 token ids; <see cref="Vocabulary.PadId"/> marks padding.</param>
    /// <param name="causal">Whether each position sees only itself and earlier positions (language modelling).</param>
    /// <param name="needAttentions">Whether to return each layer's attention weights (slower: no fused kernel).</param>
    /// <param name="inputBias">(B, 1, C) added to every position's token embedding, e.g. a projected property to condition on; or null.</param>
    public BackboneOutput Forward(Tensor ids, bool causal = false, bool needAttentions = false, Tensor? inputBias = null)
    {
        long b = ids.shape[0], t = ids.shape[1];
        if (t > Config.MaxLength)
            throw new ArgumentException($"sequence of {t} tokens is longer than the model's max_length {Config.MaxLength}");

        var padding = ids.ne(Vocabulary.PadId);                                                  // (B, T)
        bool anyPadding = padding.logical_not().any().item<bool>();
        var keyMask = anyPadding ? padding.view(b, 1, 1, t) : null;                              // (B, 1, 1, T)

        var x = tokens.forward(ids);                                                              // (B, T, C)
        if (inputBias is not null) x = x + inputBias;
        (Tensor, Tensor)? rotary = null;
        if (positions is not null) x = x + positions.forward(arange(t, dtype: int64, device: ids.device));
        else rotary = Rotary.Angles((int)t, Config.HeadDim, ids.device);
        x = embeddingDropout.forward(x);

        var attentions = needAttentions ? new List<Tensor>(Config.Layers) : null;
        foreach (var block in blocks)
        {
            var (output, weights) = block.Forward(x, keyMask, causal, rotary, needAttentions);
            x = output;
            if (weights is not null) attentions!.Add(weights);
        }
        return new BackboneOutput(finalNorm.forward(x), padding, attentions);
    }

    /// <summary>
    /// Causal forward over new positions of sequences being decoded (a prompt first, then one token at a
    /// time), reusing the keys and values in <paramref name="cache"/>. No padding: all rows have the same length.
    /// </summary>
    /// <param name="ids">(B, T) ids of the new positions.</param>
    /// <param name="inputBias">(B, 1, C) as in <see cref="Forward"/>, or null.</param>
    /// <returns>(B, T, C) final hidden states of the new positions.</returns>
    public Tensor ForwardCached(Tensor ids, KeyValueCache cache, Tensor? inputBias = null)
    {
        long t = ids.shape[1];
        int offset = cache.Length;
        if (offset + t > Config.MaxLength)
            throw new ArgumentException($"decoding past the model's max_length {Config.MaxLength}");
        var x = tokens.forward(ids);                                                              // (B, T, C)
        if (inputBias is not null) x = x + inputBias;
        (Tensor, Tensor)? rotary = null;
        if (positions is not null) x = x + positions.forward(arange(offset, offset + t, dtype: int64, device: ids.device));
        else rotary = Rotary.Angles((int)t, Config.HeadDim, ids.device, offset);
        x = embeddingDropout.forward(x);
        for (int layer = 0; layer < blocks.Count; layer++)
            x = blocks[layer].ForwardCached(x, cache, layer, rotary);
        cache.Advance((int)t);
        return finalNorm.forward(x);
    }

    private void InitialiseWeights()
    {
        using var noGrad = no_grad();
        foreach (var (name, p) in named_parameters())
        {
            if (name.EndsWith(".bias")) init.zeros_(p);
            else if (p.dim() == 2) init.normal_(p, 0.0, 0.02);
        }
        double residualStd = 0.02 / Math.Sqrt(2.0 * Config.Layers);
        foreach (var block in blocks)
            foreach (var projection in block.ResidualProjections)
                init.normal_(projection.weight!, 0.0, residualStd);
        tokens.weight![Vocabulary.PadId].zero_();
    }
}
