namespace BioTransformer.Experiments.Manifests;

/// <summary>The [property] table: the prediction head.</summary>
public sealed record PropertySection
{
    [Key("type", "regression (real values) or classification (binary 0/1 labels)")]
    [OneOf("regression", "classification")]
    public string Type { get; init; } = "regression";

    [Key("pooling", "cls (state of the leading <cls> token) or mean (mean over tokens)")]
    [OneOf("cls", "mean")]
    public string Pooling { get; init; } = "cls";

    [Key("metric", "validation metric for early stopping and the best checkpoint; default rmse (regression) or roc_auc (classification)")]
    [OneOf("", "rmse", "mae", "r2", "roc_auc", "pr_auc")]
    public string Metric { get; init; } = "";
}
