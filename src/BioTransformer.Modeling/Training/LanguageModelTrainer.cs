using BioTransformer.Core.Tokenization;
using BioTransformer.Modeling.Heads;
using static TorchSharp.torch;

namespace BioTransformer.Modeling.Training;

/// <summary>
/// Trains a <see cref="LanguageModel"/> on next-token cross-entropy (padding and prompt positions
/// excluded) with the shared <see cref="TrainingLoop"/>; selects the epoch with the lowest
/// validation perplexity.
/// </summary>
public sealed class LanguageModelTrainer
{
    private readonly LanguageModel model;
    private readonly TrainingOptions options;
    private readonly Device device;

    public LanguageModelTrainer(LanguageModel model, TrainingOptions options, Device device)
    {
        this.model = model;
        this.options = options;
        this.device = device;
        Loop = new TrainingLoop(model, options);
    }

    /// <summary>The loop, for its progress and epoch events.</summary>
    public TrainingLoop Loop { get; }

    public TrainingResult Fit(Func<int, LanguageModelDataset> trainForEpoch, LanguageModelDataset? valid)
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

    /// <summary>Mean next-token negative log-likelihood (nats per predicted token) over a dataset, without autograd.</summary>
    public static double MeanNegativeLogLikelihood(LanguageModel model, LanguageModelDataset data, int batchSize, Device device)
    {
        using var inference = InferenceMode.Enter(model);
        double total = 0;
        long count = 0;
        foreach (var batch in Batching.InferenceBatches(data.Ids, batchSize))
        {
            using var scope = NewDisposeScope();
            var (sum, n) = Losses(model, data, batch, device);
            total += sum.item<float>();
            count += n.item<long>();
        }
        return count == 0 ? double.NaN : total / count;
    }

    /// <summary>Sum of the token losses of a batch and how many tokens they are.</summary>
    private static (Tensor Sum, Tensor Count) Losses(LanguageModel model, LanguageModelDataset data, IReadOnlyList<int> members, Device device)
    {
        var ids = Batching.PadIds(data.Ids, members, device);                                    // (B, T)
        long t = ids.shape[1];
        var inputs = ids.narrow(1, 0, t - 1);                                                    // (B, T-1)
        var targets = ids.narrow(1, 1, t - 1);                                                   // (B, T-1)
        var logits = model.Forward(inputs, ConditionTensor(data, members, device));              // (B, T-1, V)
        var losses = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[2]), targets.reshape(-1), reduction: nn.Reduction.None)
            .view(members.Count, t - 1);                                                          // (B, T-1)
        // Target j is token j+1: it counts when it is not padding and comes after the prompt.
        var prompt = tensor(members.Select(i => (long)data.PromptLengths[i]).ToArray(), device: device).view(-1, 1);
        var position = arange(1, t, dtype: int64, device: device).view(1, -1);
        var mask = targets.ne(Vocabulary.PadId).logical_and(position.ge(prompt)).to(float32);    // (B, T-1)
        return ((losses * mask).sum(), mask.sum().to(int64));
    }

    private static Tensor? ConditionTensor(LanguageModelDataset data, IReadOnlyList<int> members, Device device)
    {
        if (data.Conditions is null) return null;
        int k = data.Conditions.GetLength(1);
        var flat = new float[members.Count * k];
        for (int row = 0; row < members.Count; row++)
            for (int j = 0; j < k; j++) flat[row * k + j] = data.Conditions[members[row], j];
        return tensor(flat, [members.Count, k], device: device);
    }

    private sealed class TrainingSet(LanguageModelTrainer trainer, LanguageModelDataset data) : ITrainingSet
    {
        public IReadOnlyList<int[]> Ids => data.Ids;

        public Tensor BatchLoss(int[] members)
        {
            var (sum, count) = Losses(trainer.model, data, members, trainer.device);
            return sum / count.clamp_min(1).to(float32);
        }
    }
}
