using BioTransformer.Modeling.Backbone;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace BioTransformer.Modeling.Heads;

/// <summary>
/// The shared backbone, bidirectional, with ESM's/RoBERTa's language-model head: dense → GELU →
/// LayerNorm → projection tied to the token embedding (+ bias). Pretrains the backbone by predicting
/// masked tokens.
/// </summary>
public sealed class MaskedLanguageModel : Module
{
    private readonly TransformerBackbone backbone;
    private readonly Linear lmDense;
    private readonly LayerNorm lmNorm;
    private readonly Parameter lmBias;

    public MaskedLanguageModel(MaskedLanguageModelConfig config) : base(nameof(MaskedLanguageModel))
    {
        Config = config;
        backbone = new TransformerBackbone(config.Backbone);
        lmDense = Linear(config.Backbone.Dim, config.Backbone.Dim);
        lmNorm = LayerNorm(config.Backbone.Dim);
        lmBias = Parameter(zeros(config.Backbone.VocabSize));
        RegisterComponents();
    }

    public MaskedLanguageModelConfig Config { get; }

    public TransformerBackbone Backbone => backbone;

    /// <param name="ids">(B, T) token ids with some replaced by &lt;mask&gt;.</param>
    /// <returns>(B, T, V) logits of the original token at every position.</returns>
    public Tensor Forward(Tensor ids)
    {
        var hidden = backbone.Forward(ids).Hidden;                                            // (B, T, C)
        var x = lmNorm.forward(functional.gelu(lmDense.forward(hidden)));
        return functional.linear(x, backbone.TokenEmbedding, lmBias);                        // (B, T, V)
    }
}
