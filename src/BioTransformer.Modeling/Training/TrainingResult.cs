namespace BioTransformer.Modeling.Training;

/// <summary>Outcome of a training run; the model holds the weights of <see cref="BestEpoch"/>.</summary>
/// <param name="StoppedEarly">Whether training ended by early stopping before the last epoch.</param>
public sealed record TrainingResult(IReadOnlyList<EpochSummary> Epochs, int BestEpoch, double BestScore, bool StoppedEarly, long Steps);
