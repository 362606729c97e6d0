using BioTransformer.Core.Tokenization;
using BioTransformer.Modeling.Backbone;

namespace BioTransformer.Modeling.Heads;

/// <summary>
/// Everything needed to rebuild a causal language model and to condition it; saved beside the weights.
/// </summary>
/// <param name="Domain">What the model writes: SMILES (or protein sequences).</param>
/// <param name="Conditions">Names of the numeric properties the model is conditioned on (empty: unconditional).</param>
/// <param name="ConditionMeans">Training-set mean of each condition (inputs are standardised).</param>
/// <param name="ConditionStds">Training-set standard deviation of each condition.</param>
/// <param name="ScaffoldPrefix">Whether training sequences start with the molecule's Bemis–Murcko scaffold and &lt;sep&gt;,
/// so a scaffold can be given as a prompt.</param>
public sealed record LanguageModelConfig(
    BackboneConfig Backbone,
    Domain Domain,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<double> ConditionMeans,
    IReadOnlyList<double> ConditionStds,
    bool ScaffoldPrefix) : IModelConfig;
