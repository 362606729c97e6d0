namespace BioTransformer.Modeling.Training;

/// <summary>One row of the per-epoch metrics.</summary>
/// <param name="TrainLoss">Mean training loss over the epoch's steps (model units).</param>
/// <param name="ValidLoss">Loss on the validation set after the epoch (NaN without a validation set).</param>
/// <param name="ValidScore">The selection metric on the validation set (e.g. RMSE or ROC-AUC), NaN without one.</param>
/// <param name="LearningRate">Learning rate of the epoch's last step.</param>
/// <param name="Seconds">Wall time of the epoch including validation.</param>
/// <param name="TokensPerSecond">Training tokens (padding excluded) per second of training steps.</param>
/// <param name="IsBest">Whether this epoch's validation score is the best so far.</param>
/// <param name="ResidentMiB">Resident memory of the process (MiB) at the epoch's end: a leak shows as growth here.</param>
public sealed record EpochSummary(
    int Epoch,
    long Step,
    double TrainLoss,
    double ValidLoss,
    double ValidScore,
    double LearningRate,
    double Seconds,
    double TokensPerSecond,
    bool IsBest,
    double ResidentMiB = double.NaN);
