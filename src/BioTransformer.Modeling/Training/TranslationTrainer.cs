using BioTransformer.Core.Tokenization;
using BioTransformer.Modeling.Heads;
using static TorchSharp.torch;

namespace BioTransformer.Modeling.Training;

/// <summary>
/// Trains a <see cref="TranslationModel"/> with teacher forcing: cross-entropy of each target token given the
/// source and the target before it, with optional label smoothing (Szegedy et al. 2016; the original
/// transformer used 0.1), padding and the prompt excluded. Selects the epoch with the lowest validation
/// perplexity (unsmoothed).
/// </summary>
public sealed class TranslationTrainer
{
    private readonly TranslationModel model;
    private readonly TrainingOptions options;
    private readonly Device device;
    private readonly double labelSmoothing;

    public TranslationTrainer(TranslationModel model, TrainingOptions options, Device device, double labelSmoothing)
    {
        if (labelSmoothing is < 0 or >= 1) throw new ArgumentException("label smoothing must be in [0, 1)");
        this.model = model;
        this.options = options;
        this.device = device;
        this.labelSmoothing = labelSmoothing;
        Loop = new TrainingLoop(model, options);
    }

    /// <summary>The shared loop: subscribe to its events and set its checkpoints.</summary>
    public TrainingLoop Loop { get; }

    public TrainingResult Fit(Func<int, TranslationDataset> trainForEpoch, TranslationDataset? valid)
    {
        Func<ValidationResult>? validate = valid is { Count: > 0 }
            ? () =>
            {
                double nll = MeanNegativeLogLikelihood(model, valid, options.BatchSize, device);
                return new ValidationResult(nll, Math.Exp(nll));
            }
            : null;
        return Loop.Fit(epoch => new TrainingSet(this, trainForEpoch(epoch)), validate, higherIsBetter: false);
    }

    /// <summary>Mean negative log-likelihood of the target tokens (nats per token, no smoothing), without autograd.</summary>
    public static double MeanNegativeLogLikelihood(TranslationModel model, TranslationDataset data, int batchSize, Device device)
    {
        using var inference = InferenceMode.Enter(model);
        double total = 0;
        long count = 0;
        foreach (var batch in Batching.InferenceBatches(data.Sources, batchSize))
        {
            using var scope = NewDisposeScope();
            var (sum, n) = Losses(model, data, batch, device, 0);
            total += sum.item<float>();
            count += n.item<long>();
        }
        return count == 0 ? double.NaN : total / count;
    }

    /// <summary>Sum of the token losses of a batch and how many tokens they are.</summary>
    private static (Tensor Sum, Tensor Count) Losses(TranslationModel model, TranslationDataset data, IReadOnlyList<int> members, Device device, double smoothing)
    {
        var sources = Batching.PadIds(data.Sources, members, device);                              // (B, S)
        var targets = Batching.PadIds(data.Targets, members, device);                              // (B, T)
        long t = targets.shape[1];
        var inputs = targets.narrow(1, 0, t - 1);                                                  // (B, T-1)
        var next = targets.narrow(1, 1, t - 1);                                                    // (B, T-1): token j+1 after position j
        // Token j+1 counts when it is not padding and follows the prompt (index ≥ PromptLength).
        var position = arange(1, t, dtype: int64, device: device).view(1, -1);
        var counted = next.ne(Vocabulary.PadId).logical_and(position.ge(TranslationDataset.PromptLength));
        var labels = next.masked_fill(counted.logical_not(), IgnoredLabel);
        var logits = model.Forward(sources, inputs);                                               // (B, T-1, V)
        var sum = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[2]), labels.reshape(-1),
            ignore_index: IgnoredLabel, reduction: nn.Reduction.Sum, label_smoothing: smoothing);
        return (sum, counted.sum().to(int64));
    }

    private const long IgnoredLabel = -100;

    private sealed class TrainingSet(TranslationTrainer trainer, TranslationDataset data) : ITrainingSet
    {
        public IReadOnlyList<int[]> Ids => data.Sources;

        public Tensor BatchLoss(int[] members)
        {
            var (sum, count) = Losses(trainer.model, data, members, trainer.device, trainer.labelSmoothing);
            return sum / count.clamp_min(1).to(float32);
        }
    }
}
