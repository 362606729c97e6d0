using BioTransformer.Core.Tokenization;
using BioTransformer.Modeling.Backbone;

namespace BioTransformer.Modeling.Heads;

/// <summary>Everything needed to rebuild a masked language model; saved beside its weights.</summary>
/// <param name="Domain">The domain it was pretrained on.</param>
/// <param name="MaskFraction">Share of tokens chosen for prediction per sequence (BERT/ESM: 0.15).</param>
public sealed record MaskedLanguageModelConfig(BackboneConfig Backbone, Domain Domain, double MaskFraction) : IModelConfig;
