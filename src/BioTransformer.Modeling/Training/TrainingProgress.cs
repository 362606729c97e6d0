namespace BioTransformer.Modeling.Training;

/// <summary>Progress after one optimiser step, for consoles and logs.</summary>
public sealed record TrainingProgress(
    int Epoch,
    int Epochs,
    long Step,
    long TotalSteps,
    double Loss,
    double TokensPerSecond,
    TimeSpan Elapsed,
    TimeSpan Remaining);
