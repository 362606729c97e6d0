using BioTransformer.Core.Tokenization;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace BioTransformer.Modeling.Backbone;

/// <summary>
/// The decoder of an encoder–decoder transformer: token embedding (its own, or the encoder's passed in
/// by the caller), learned or rotary positions as in the backbone, a stack of <see cref="DecoderBlock"/>s
/// and a final LayerNorm. Runs causally over the whole target (training) or one position at a time on a
/// key/value cache (decoding).
/// </summary>
public sealed class TransformerDecoder : Module
{
    private readonly Embedding? tokens;
    private readonly Embedding? positions;
    private readonly Dropout embeddingDropout;
    private readonly ModuleList<DecoderBlock> blocks;
    private readonly LayerNorm finalNorm;

    /// <param name="config">The decoder's shape (the encoder's with the decoder's layer count).</param>
    /// <param name="ownEmbedding">Whether the decoder has its own token embedding; otherwise the caller passes the encoder's.</param>
    public TransformerDecoder(BackboneConfig config, bool ownEmbedding) : base(nameof(TransformerDecoder))
    {
        config.Validate();
        Config = config;
        tokens = ownEmbedding ? Embedding(config.VocabSize, config.Dim, padding_idx: Vocabulary.PadId) : null;
        positions = config.Positional == PositionalEncoding.Learned ? Embedding(config.MaxLength, config.Dim) : null;
        embeddingDropout = Dropout(config.Dropout);
        blocks = new ModuleList<DecoderBlock>(Enumerable.Range(0, config.Layers).Select(_ => new DecoderBlock(config)).ToArray());
        finalNorm = LayerNorm(config.Dim);
        RegisterComponents();
        InitialiseWeights();
    }

    public BackboneConfig Config { get; }

    /// <summary>The decoder's own token embedding table (VocabSize, C), or null when it reads the encoder's.</summary>
    public Parameter? OwnTokenEmbedding => tokens?.weight;

    /// <summary>Cross-attention keys and values of every layer for an encoded source.</summary>
    /// <param name="memory">(B, S, C) encoder output.</param>
    /// <param name="sourceReal">(B, S) bool, true at real (non-padding) source tokens.</param>
    public DecoderSource Source(Tensor memory, Tensor sourceReal)
    {
        var keys = new List<Tensor>(blocks.Count);
        var values = new List<Tensor>(blocks.Count);
        foreach (var block in blocks)
        {
            var (k, v) = block.SourceKeysValues(memory);
            keys.Add(k);
            values.Add(v);
        }
        bool anyPadding = sourceReal.logical_not().any().item<bool>();
        return new DecoderSource(keys, values, anyPadding ? sourceReal.view(sourceReal.shape[0], 1, 1, sourceReal.shape[1]) : null);
    }

    /// <param name="ids">(B, T) target ids (teacher forcing: the target shifted right).</param>
    /// <param name="tokenTable">The embedding table (V, C) to read tokens from: <see cref="OwnTokenEmbedding"/> or the encoder's.</param>
    /// <returns>(B, T, C) hidden states and, when asked, each layer's cross-attention weights (B, H, T, S).</returns>
    public (Tensor Hidden, List<Tensor>? CrossWeights) Forward(Tensor ids, Tensor tokenTable, DecoderSource source, bool needWeights = false)
    {
        long t = ids.shape[1];
        if (t > Config.MaxLength) throw new ArgumentException($"target of {t} tokens is longer than the model's max_length {Config.MaxLength}");
        var x = Embed(ids, tokenTable, 0);
        var rotary = positions is null ? Rotary.Angles((int)t, Config.HeadDim, ids.device) : ((Tensor, Tensor)?)null;
        var weights = needWeights ? new List<Tensor>(blocks.Count) : null;
        for (int layer = 0; layer < blocks.Count; layer++)
        {
            var (output, w) = blocks[layer].Forward(x, rotary, source, layer, needWeights);
            x = output;
            if (w is not null) weights!.Add(w);
        }
        return (finalNorm.forward(x), weights);
    }

    /// <summary>Hidden states (B, T, C) of new target positions, reading and filling the self-attention cache.</summary>
    public Tensor ForwardCached(Tensor ids, Tensor tokenTable, KeyValueCache cache, DecoderSource source)
    {
        long t = ids.shape[1];
        int offset = cache.Length;
        if (offset + t > Config.MaxLength) throw new ArgumentException($"decoding past the model's max_length {Config.MaxLength}");
        var x = Embed(ids, tokenTable, offset);
        var rotary = positions is null ? Rotary.Angles((int)t, Config.HeadDim, ids.device, offset) : ((Tensor, Tensor)?)null;
        for (int layer = 0; layer < blocks.Count; layer++)
            x = blocks[layer].ForwardCached(x, cache, layer, rotary, source);
        cache.Advance((int)t);
        return finalNorm.forward(x);
    }

    private Tensor Embed(Tensor ids, Tensor tokenTable, long offset)
    {
        long b = ids.shape[0], t = ids.shape[1];
        var x = tokenTable.index_select(0, ids.reshape(-1)).view(b, t, -1);                         // (B, T, C)
        if (positions is not null) x = x + positions.forward(arange(offset, offset + t, dtype: int64, device: ids.device));
        return embeddingDropout.forward(x);
    }

    private void InitialiseWeights()
    {
        using var noGrad = no_grad();
        foreach (var (name, p) in named_parameters())
        {
            if (name.EndsWith(".bias")) init.zeros_(p);
            else if (p.dim() == 2) init.normal_(p, 0.0, 0.02);
        }
        double residualStd = 0.02 / Math.Sqrt(3.0 * Config.Layers);
        foreach (var block in blocks)
            foreach (var projection in block.ResidualProjections)
                init.normal_(projection.weight!, 0.0, residualStd);
        tokens?.weight![Vocabulary.PadId].zero_();
    }
}
