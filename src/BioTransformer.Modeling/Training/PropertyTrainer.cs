using BioTransformer.Modeling.Heads;
using static TorchSharp.torch;

namespace BioTransformer.Modeling.Training;

/// <summary>
/// Trains a <see cref="PropertyModel"/> with the shared <see cref="TrainingLoop"/>: masked MSE
/// (regression, standardised targets) or masked binary cross-entropy (classification), scored on the
/// validation set after every epoch by a caller-supplied metric.
/// </summary>
public sealed class PropertyTrainer
{
    private readonly PropertyModel model;
    private readonly TrainingOptions options;
    private readonly Device device;
    private readonly TrainingLoop loop;

    public PropertyTrainer(PropertyModel model, TrainingOptions options, Device device)
    {
        this.model = model;
        this.options = options;
        this.device = device;
        loop = new TrainingLoop(model, options);
    }

    /// <summary>The shared loop this trainer drives: subscribe to its events (progress, epochs, new best) and set its checkpoints.</summary>
    public TrainingLoop Loop => loop;

    /// <param name="score">Selection metric from raw validation outputs (N, K), e.g. RMSE in user units.</param>
    /// <param name="higherIsBetter">Whether larger scores are better (ROC-AUC) or smaller (RMSE).</param>
    public TrainingResult Fit(PropertyDataset train, PropertyDataset? valid, Func<float[,], double> score, bool higherIsBetter) =>
        Fit(_ => train, valid, score, higherIsBetter);

    /// <summary>
    /// Trains on a fresh training set each epoch (1-based epoch number in, e.g. newly randomized SMILES
    /// out). Every epoch's set must have the same size: the learning-rate schedule is laid out from the first.
    /// </summary>
    public TrainingResult Fit(Func<int, PropertyDataset> trainForEpoch, PropertyDataset? valid, Func<float[,], double> score, bool higherIsBetter)
    {
        Func<ValidationResult>? validate = valid is { Count: > 0 }
            ? () =>
            {
                var raw = PropertyPredictor.PredictRaw(model, valid.Ids, options.BatchSize, device, features: valid.Features);
                return new ValidationResult(Loss(raw, valid), score(raw));
            }
            : null;
        return loop.Fit(epoch => new TrainingSet(this, trainForEpoch(epoch)), validate, higherIsBetter);
    }

    /// <summary>Validation loss from raw outputs, with the same masking as training.</summary>
    private double Loss(float[,] raw, PropertyDataset data)
    {
        using var scope = NewDisposeScope();
        var all = Enumerable.Range(0, data.Count).ToArray();
        var (targets, mask) = TargetTensors(data, all);
        int n = raw.GetLength(0), k = raw.GetLength(1);
        var flat = new float[n * k];
        Buffer.BlockCopy(raw, 0, flat, 0, flat.Length * sizeof(float));
        var outputs = tensor(flat, [n, k], device: device);
        return PropertyLoss.Compute(model.Config.Task, outputs, targets, mask).item<float>();
    }

    private (Tensor Targets, Tensor Mask) TargetTensors(PropertyDataset data, IReadOnlyList<int> members)
    {
        int k = data.TargetCount;
        var targets = new float[members.Count * k];
        var mask = new float[members.Count * k];
        for (int row = 0; row < members.Count; row++)
            for (int j = 0; j < k; j++)
            {
                int i = members[row];
                if (!data.Mask[i, j]) continue;
                targets[row * k + j] = data.Targets[i, j];
                mask[row * k + j] = 1f;
            }
        return (tensor(targets, [members.Count, k], device: device), tensor(mask, [members.Count, k], device: device));
    }

    private sealed class TrainingSet(PropertyTrainer trainer, PropertyDataset data) : ITrainingSet
    {
        public IReadOnlyList<int[]> Ids => data.Ids;

        public Tensor BatchLoss(int[] members)
        {
            var ids = Batching.PadIds(data.Ids, members, trainer.device);          // (B, T)
            var (targets, mask) = trainer.TargetTensors(data, members);           // (B, K) each
            var features = data.Features is null ? null : PropertyPredictor.FeatureRows(data.Features, members, trainer.device);
            var outputs = trainer.model.Forward(ids, features);                   // (B, K)
            return PropertyLoss.Compute(trainer.model.Config.Task, outputs, targets, mask);
        }
    }
}
