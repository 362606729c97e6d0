using BioTransformer.Experiments.Manifests;

namespace BioTransformer.Experiments.Generation;

/// <summary>The [generation] table: a causal SMILES language model, how it is sampled and evaluated.</summary>
public sealed record GenerationSection
{
    [Key("samples", "molecules sampled after training for the MOSES metrics (validity, unique@1k/10k, novelty, IntDiv, SNN, Scaf, property distances)")]
    [Range(0, 10_000_000)]
    public int Samples { get; init; } = 10_000;

    [Key("temperature", "sampling temperature: < 1 sharper (more conservative), > 1 flatter")]
    [Range(0.01, 100)]
    public double Temperature { get; init; } = 1.0;

    [Key("top_k", "sample only from the k most likely tokens; 0 = all")]
    [Range(0, 100000)]
    public int TopK { get; init; }

    [Key("top_p", "nucleus sampling: the smallest set of tokens whose probability reaches p; 1 = all")]
    [Range(0.01, 1)]
    public double TopP { get; init; } = 1.0;

    [Key("sample_batch_size", "sequences decoded together")]
    [Range(1, 65536)]
    public int SampleBatchSize { get; init; } = 250;

    [Key("condition", "property to condition on: a computed descriptor (molecular_weight, logp, tpsa, qed) or the column named in data.targets; empty = unconditional")]
    public string Condition { get; init; } = "";

    [Key("condition_values", "values of the condition at which to sample after training, to check that generated molecules follow it")]
    public IReadOnlyList<double> ConditionValues { get; init; } = [];

    [Key("scaffold_prompt", "train on '<scaffold> <sep> <molecule>' so a Bemis-Murcko scaffold can be given as a prompt")]
    public bool ScaffoldPrompt { get; init; }

    [Key("scaffold", "scaffold SMILES to decorate in the final samples (needs scaffold_prompt = true); empty = none")]
    public string Scaffold { get; init; } = "";

    [Key("prefix", "SMILES prefix every final sample starts with (any model); empty = none")]
    public string Prefix { get; init; } = "";
}
