using BioTransformer.Modeling.Backbone;
using TorchSharp.Modules;
using TransformerDecoder = BioTransformer.Modeling.Backbone.TransformerDecoder;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace BioTransformer.Modeling.Heads;

/// <summary>
/// The transformer in its original encoder–decoder form (Vaswani et al. 2017), for turning one sequence
/// into another (a product into its reactants, reactants into a product). The encoder is the shared
/// bidirectional backbone (so a masked-language-pretrained backbone loads into it); the decoder is a
/// stack of causal blocks with cross-attention to the encoder's output; the output projection is tied
/// to the decoder's token embedding (shared with the encoder's, or its own).
/// </summary>
public sealed class TranslationModel : Module
{
    private readonly TransformerBackbone backbone;
    private readonly TransformerDecoder decoder;
    private readonly Parameter outputBias;

    public TranslationModel(TranslationModelConfig config) : base(nameof(TranslationModel))
    {
        if (config.DecoderLayers < 1) throw new ArgumentException("DecoderLayers must be positive");
        Config = config;
        backbone = new TransformerBackbone(config.Backbone);
        decoder = new TransformerDecoder(config.Decoder, ownEmbedding: !config.SharedEmbeddings);
        outputBias = Parameter(zeros(config.Backbone.VocabSize));
        RegisterComponents();
    }

    public TranslationModelConfig Config { get; }

    public TransformerBackbone Backbone => backbone;

    public TransformerDecoder Decoder => decoder;

    /// <summary>The table the decoder reads tokens from and projects onto.</summary>
    private Tensor TargetTable => decoder.OwnTokenEmbedding ?? backbone.TokenEmbedding;

    /// <summary>Encodes sources (B, S) once: what the decoder reads at every step.</summary>
    public DecoderSource Encode(Tensor sourceIds)
    {
        var encoded = backbone.Forward(sourceIds);
        return decoder.Source(encoded.Hidden, encoded.PaddingMask);
    }

    /// <param name="sourceIds">(B, S) source ids, right-padded.</param>
    /// <param name="targetInputs">(B, T) target ids shifted right (teacher forcing), right-padded.</param>
    /// <returns>(B, T, V) logits of the next target token at every position.</returns>
    public Tensor Forward(Tensor sourceIds, Tensor targetInputs) => Logits(decoder.Forward(targetInputs, TargetTable, Encode(sourceIds)).Hidden);

    /// <summary>As <see cref="Forward"/>, with each decoder layer's cross-attention weights (B, H, T, S) (the explicit-softmax path).</summary>
    public (Tensor Logits, List<Tensor> CrossWeights) ForwardWithAttention(Tensor sourceIds, Tensor targetInputs)
    {
        var (hidden, weights) = decoder.Forward(targetInputs, TargetTable, Encode(sourceIds), needWeights: true);
        return (Logits(hidden), weights!);
    }

    /// <summary>Logits (B, T, V) of a whole target prefix for an encoded source (decoding without a cache).</summary>
    public Tensor Decode(Tensor targetIds, DecoderSource source) => Logits(decoder.Forward(targetIds, TargetTable, source).Hidden);

    /// <summary>Logits (B, T, V) of new target positions, reading and filling the decoder's key/value cache.</summary>
    public Tensor DecodeCached(Tensor targetIds, KeyValueCache cache, DecoderSource source) =>
        Logits(decoder.ForwardCached(targetIds, TargetTable, cache, source));

    /// <summary>
    /// After a pretrained encoder was loaded: start the decoder's self-attention, feed-forward and norms from the
    /// encoder's blocks of the same index (and its own embedding from the encoder's), where the layers exist.
    /// Returns how many blocks were copied. Cross-attention starts fresh: the encoder has none.
    /// </summary>
    public int InitialiseDecoderFromEncoder()
    {
        using var noGrad = no_grad();
        var encoderState = backbone.state_dict();
        var decoderState = decoder.state_dict();
        int copied = 0;
        for (int layer = 0; layer < Math.Min(Config.Backbone.Layers, Config.DecoderLayers); layer++)
        {
            foreach (var (name, tensor) in encoderState)
            {
                var prefix = $"blocks.{layer}.";
                if (!name.StartsWith(prefix, StringComparison.Ordinal)) continue;
                if (decoderState.TryGetValue(name, out var target) && target.shape.SequenceEqual(tensor.shape)) target.copy_(tensor);
            }
            copied++;
        }
        if (decoder.OwnTokenEmbedding is { } own) own.copy_(backbone.TokenEmbedding);
        return copied;
    }

    private Tensor Logits(Tensor hidden) => functional.linear(hidden, TargetTable, outputBias);
}
