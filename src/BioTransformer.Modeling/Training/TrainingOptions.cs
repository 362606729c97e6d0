namespace BioTransformer.Modeling.Training;

/// <summary>Optimisation settings of one training run.</summary>
/// <param name="Epochs">Maximum passes over the training set.</param>
/// <param name="BatchSize">Sequences per optimiser step.</param>
/// <param name="LearningRate">Peak AdamW learning rate.</param>
/// <param name="WeightDecay">Decoupled weight decay on matrices (not on biases or LayerNorm gains).</param>
/// <param name="WarmupFraction">Fraction of all steps spent warming the learning rate up linearly.</param>
/// <param name="MinLearningRateRatio">Final learning rate of the cosine decay, as a fraction of the peak.</param>
/// <param name="GradientClip">Maximum global L2 norm of the gradients; 0 disables clipping.</param>
/// <param name="Patience">Stop after this many epochs without a better validation score; 0 disables early stopping.</param>
/// <param name="Seed">Seed of the batch order.</param>
/// <param name="BucketByLength">Group similar lengths into batches to reduce padding.</param>
/// <param name="LogEvery">Steps between reads of the loss from the device (progress and the non-finite check); a GPU runs ahead in between.</param>
public sealed record TrainingOptions(
    int Epochs,
    int BatchSize,
    double LearningRate,
    double WeightDecay,
    double WarmupFraction,
    double MinLearningRateRatio,
    double GradientClip,
    int Patience,
    int Seed,
    bool BucketByLength = true,
    int LogEvery = 10);
