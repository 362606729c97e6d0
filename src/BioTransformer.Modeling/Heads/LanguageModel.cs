using BioTransformer.Modeling.Backbone;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace BioTransformer.Modeling.Heads;

/// <summary>
/// The shared backbone run causally with a language-model head tied to the token embedding
/// (logits = h·Eᵀ + b, as GPT-2). Property conditioning: standardised property values are projected
/// to the model width and added to every position's input embedding.
/// </summary>
public sealed class LanguageModel : Module
{
    private readonly TransformerBackbone backbone;
    private readonly Linear? condition;
    private readonly Parameter outputBias;

    public LanguageModel(LanguageModelConfig config) : base(nameof(LanguageModel))
    {
        Config = config;
        backbone = new TransformerBackbone(config.Backbone);
        condition = config.Conditions.Count > 0 ? Linear(config.Conditions.Count, config.Backbone.Dim) : null;
        outputBias = Parameter(zeros(config.Backbone.VocabSize));
        RegisterComponents();
        if (condition is not null)
        {
            using var noGrad = no_grad();
            init.normal_(condition.weight!, 0.0, 0.02);
            init.zeros_(condition.bias!);
        }
    }

    public LanguageModelConfig Config { get; }

    public TransformerBackbone Backbone => backbone;

    /// <param name="ids">(B, T) int64 token ids, right-padded.</param>
    /// <param name="conditions">(B, K) standardised condition values, or null for an unconditional model.</param>
    /// <returns>(B, T, V) next-token logits at every position.</returns>
    public Tensor Forward(Tensor ids, Tensor? conditions)
    {
        var hidden = backbone.Forward(ids, causal: true, inputBias: ConditionBias(conditions)).Hidden;   // (B, T, C)
        return functional.linear(hidden, backbone.TokenEmbedding, outputBias);                           // (B, T, V)
    }

    /// <summary>Next-token logits (B, V) after the whole sequence, recomputing every position (decoding without a cache).</summary>
    public Tensor NextTokenLogits(Tensor ids, Tensor? conditions)
    {
        var hidden = backbone.Forward(ids, causal: true, inputBias: ConditionBias(conditions)).Hidden;   // (B, T, C)
        var last = hidden.select(1, hidden.shape[1] - 1);                                                // (B, C)
        return functional.linear(last, backbone.TokenEmbedding, outputBias);                             // (B, V)
    }

    /// <summary>Logits (B, T, V) of new positions, reading and filling the key/value cache.</summary>
    public Tensor ForwardCached(Tensor ids, KeyValueCache cache, Tensor? conditions)
    {
        var hidden = backbone.ForwardCached(ids, cache, ConditionBias(conditions));                     // (B, T, C)
        return functional.linear(hidden, backbone.TokenEmbedding, outputBias);
    }

    /// <summary>Condition values in user units → standardised model inputs, (K).</summary>
    public float[] Standardize(IReadOnlyList<double> values)
    {
        if (values.Count != Config.Conditions.Count)
            throw new ArgumentException($"the model is conditioned on {Config.Conditions.Count} values ({string.Join(", ", Config.Conditions)}), {values.Count} were given");
        return values.Select((v, j) => (float)((v - Config.ConditionMeans[j]) / Config.ConditionStds[j])).ToArray();
    }

    private Tensor? ConditionBias(Tensor? conditions)
    {
        if (condition is null) return null;
        if (conditions is null) throw new ArgumentException($"this model is conditioned on {string.Join(", ", Config.Conditions)}: give their values");
        return condition.forward(conditions).unsqueeze(1);                                               // (B, 1, C)
    }
}
