namespace BioTransformer.Modeling.Training;

/// <summary>What one validation pass measured.</summary>
/// <param name="Loss">Validation loss in the training loss's units (NaN if not computed).</param>
/// <param name="Score">The selection metric (e.g. RMSE, ROC-AUC, perplexity).</param>
public sealed record ValidationResult(double Loss, double Score);
