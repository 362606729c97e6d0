using BioTransformer.Core.Tokenization;
using BioTransformer.Modeling.Backbone;

namespace BioTransformer.Modeling.Heads;

/// <summary>
/// Everything needed to rebuild a property model and interpret its outputs; saved beside the weights.
/// </summary>
/// <param name="Domain">What the model reads: SMILES or protein sequences.</param>
/// <param name="Targets">Names of the target columns, one model output each.</param>
/// <param name="TargetMeans">Regression: training-set mean per target (outputs are standardised); classification: zeros.</param>
/// <param name="TargetStds">Regression: training-set standard deviation per target; classification: ones.</param>
/// <param name="Features">Extra per-molecule features concatenated to the pooled state before the head, with their scaling; null = none.</param>
public sealed record PropertyModelConfig(
    BackboneConfig Backbone,
    Domain Domain,
    PropertyTask Task,
    Pooling Pooling,
    IReadOnlyList<string> Targets,
    IReadOnlyList<double> TargetMeans,
    IReadOnlyList<double> TargetStds,
    FeatureScaling? Features = null) : IModelConfig
{
    /// <summary>How many extra features the head reads.</summary>
    public int FeatureCount => Features?.Count ?? 0;
}
