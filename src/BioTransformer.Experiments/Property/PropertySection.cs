using BioTransformer.Experiments.Manifests;
using BioTransformer.Modeling.Heads;

namespace BioTransformer.Experiments.Property;

/// <summary>The [property] table: the prediction head.</summary>
public sealed record PropertySection
{
    [Key("type", "regression (real values) or classification (binary 0/1 labels)")]
    public PropertyTask Type { get; init; } = PropertyTask.Regression;

    [Key("pooling", "cls (state of the leading <cls> token) or mean (mean over tokens)")]
    public Pooling Pooling { get; init; } = Pooling.Cls;

    [Key("metric", "validation metric for early stopping and the best checkpoint; default rmse (regression) or roc_auc (classification)")]
    [OneOf("", "rmse", "mae", "r2", "roc_auc", "pr_auc")]
    public string Metric { get; init; } = "";

    [Key("test_time_augment", "average validation/test predictions over the SMILES as written plus this many randomized SMILES; 0 = off")]
    [Range(0, 100)]
    public int TestTimeAugment { get; init; }

    [Key("label", "what the target is, for figure axes (e.g. \"Log solubility\"); empty = the target column's name, tidied")]
    public string Label { get; init; } = "";

    [Key("units", "the target's units, for figure axes (e.g. \"log10(mol/L)\", \"kcal/mol\"); empty = none shown")]
    public string Units { get; init; } = "";

    [Key("features", "extra per-molecule features read beside the sequence, concatenated to the pooled state before the head and scaled on the training split only: rdkit2d (RDKit's 208 2D descriptors), ecfp4 (ECFP4 counts, 2,048); [] = none")]
    public IReadOnlyList<string> Features { get; init; } = [];

    [Key("baseline", "classical baselines trained on the same split: all (both), ridge (ridge / L2-logistic regression on ECFP4 counts), gbt (gradient-boosted trees on RDKit's 2D descriptors) or none")]
    public BaselineChoice Baseline { get; init; } = BaselineChoice.All;
}

/// <summary>Which classical baselines a property run fits beside the transformer.</summary>
public enum BaselineChoice
{
    All,
    Ridge,
    Gbt,
    None,
}
