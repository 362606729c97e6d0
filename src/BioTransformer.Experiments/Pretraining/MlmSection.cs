using BioTransformer.Experiments.Manifests;

namespace BioTransformer.Experiments.Pretraining;

/// <summary>The [mlm] table: masked-language pretraining.</summary>
public sealed record MlmSection
{
    [Key("mask_fraction", "share of tokens per sequence chosen for prediction (80% masked, 10% random, 10% kept)")]
    [Range(0.01, 0.5)]
    public double MaskFraction { get; init; } = 0.15;
}
