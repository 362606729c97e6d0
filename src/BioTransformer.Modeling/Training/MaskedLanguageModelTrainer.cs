using BioTransformer.Modeling.Heads;
using static TorchSharp.torch;

namespace BioTransformer.Modeling.Training;

/// <summary>
/// Pretrains a <see cref="MaskedLanguageModel"/> with the shared <see cref="TrainingLoop"/>: fresh
/// masks for every batch (seeded), cross-entropy on the chosen positions only; validation uses one
/// fixed masking so perplexities compare across epochs.
/// </summary>
public sealed class MaskedLanguageModelTrainer
{
    private readonly MaskedLanguageModel model;
    private readonly TrainingOptions options;
    private readonly Device device;
    private readonly IReadOnlyList<int> domainTokens;

    public MaskedLanguageModelTrainer(MaskedLanguageModel model, IReadOnlyList<int> domainTokens, TrainingOptions options, Device device)
    {
        this.model = model;
        this.options = options;
        this.device = device;
        this.domainTokens = domainTokens;
        Loop = new TrainingLoop(model, options);
    }

    public TrainingLoop Loop { get; }

    public TrainingResult Fit(IReadOnlyList<int[]> train, IReadOnlyList<int[]>? valid)
    {
        var random = new Random(options.Seed + 1);
        Func<ValidationResult>? validate = valid is { Count: > 0 }
            ? () =>
            {
                double nll = MaskedNegativeLogLikelihood(model, valid, domainTokens, options.BatchSize, device, seed: 12345);
                return new ValidationResult(nll, Math.Exp(nll));
            }
            : null;
        return Loop.Fit(_ => new TrainingSet(this, train, random), validate, higherIsBetter: false);
    }

    /// <summary>Mean cross-entropy (nats) over masked positions with a fixed masking of seed <paramref name="seed"/>, without autograd.</summary>
    public static double MaskedNegativeLogLikelihood(MaskedLanguageModel model, IReadOnlyList<int[]> ids, IReadOnlyList<int> domainTokens,
        int batchSize, Device device, int seed)
    {
        var random = new Random(seed);
        var masked = ids.Select(s => Masking.Apply(s, model.Config.MaskFraction, domainTokens, random)).ToList();
        using var inference = InferenceMode.Enter(model);
        double total = 0;
        long count = 0;
        foreach (var batch in Batching.InferenceBatches(ids, batchSize))
        {
            using var scope = NewDisposeScope();
            var (sum, n) = Losses(model, masked, batch, domainTokens, device);
            total += sum.item<float>();
            count += n;
        }
        return count == 0 ? double.NaN : total / count;
    }

    /// <summary>
    /// Cross-entropy summed over the predicted positions. The softmax runs over the domain's tokens only
    /// (other logits get a score whose probability underflows to 0): a masked residue is one of the amino acids, never a SMILES token, so the
    /// perplexity is over the alphabet a reader expects (uniform = the number of domain tokens).
    /// </summary>
    private static (Tensor Sum, long Count) Losses(MaskedLanguageModel model, IReadOnlyList<(int[] Input, int[] Targets)> data, IReadOnlyList<int> members,
        IReadOnlyList<int> domainTokens, Device device)
    {
        var inputs = Batching.PadIds(data.Select(d => d.Input).ToList(), members, device);                   // (B, T)
        long t = inputs.shape[1];
        var flat = new long[members.Count * t];
        Array.Fill(flat, -100L);
        long count = 0;
        for (int row = 0; row < members.Count; row++)
        {
            var targets = data[members[row]].Targets;
            for (int j = 0; j < targets.Length; j++)
                if (targets[j] >= 0) { flat[row * t + j] = targets[j]; count++; }
        }
        var target = tensor(flat, [members.Count, t], dtype: int64, device: device);
        var logits = model.Forward(inputs);                                                                 // (B, T, V)
        var outside = ones(logits.shape[2], dtype: ScalarType.Bool, device: device);
        outside.index_put_(false, tensor(domainTokens.Select(i => (long)i).ToArray(), dtype: int64, device: device));
        logits = logits.masked_fill(outside, Backbone.SelfAttention.MaskedScore);   // finite: see MaskedScore
        var loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[2]), target.reshape(-1), ignore_index: -100, reduction: nn.Reduction.Sum);
        return (loss, count);
    }

    private sealed class TrainingSet(MaskedLanguageModelTrainer trainer, IReadOnlyList<int[]> ids, Random random) : ITrainingSet
    {
        public IReadOnlyList<int[]> Ids => ids;

        public Tensor BatchLoss(int[] members)
        {
            // Masks are drawn when the batch is formed, so every epoch sees new ones.
            var masked = members.Select(i => Masking.Apply(ids[i], trainer.model.Config.MaskFraction, trainer.domainTokens, random)).ToList();
            var (sum, count) = Losses(trainer.model, masked, Enumerable.Range(0, members.Length).ToArray(), trainer.domainTokens, trainer.device);
            return sum / Math.Max(1, count);
        }

        public void Skip(int[] members)
        {
            foreach (var i in members) Masking.Apply(ids[i], trainer.model.Config.MaskFraction, trainer.domainTokens, random);
        }
    }
}
