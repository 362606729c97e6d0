using System.Diagnostics;
using BioTransformer.Modeling.Heads;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BioTransformer.Modeling.Training;

/// <summary>
/// Trains a <see cref="PropertyModel"/>: AdamW, linear warm-up + cosine decay, gradient clipping,
/// validation after every epoch, early stopping on the validation score, and the best epoch's
/// weights kept (restored into the model at the end). One dispose scope per step keeps native memory
/// flat. Deterministic on CPU for a given seed and thread count.
/// </summary>
public sealed class PropertyTrainer
{
    private readonly PropertyModel model;
    private readonly TrainingOptions options;
    private readonly Device device;

    public PropertyTrainer(PropertyModel model, TrainingOptions options, Device device)
    {
        this.model = model;
        this.options = options;
        this.device = device;
    }

    /// <summary>Raised after every optimiser step.</summary>
    public event Action<TrainingProgress>? Progress;

    /// <summary>Raised after every epoch's validation.</summary>
    public event Action<EpochSummary>? EpochEnded;

    /// <summary>Raised when an epoch sets a new best validation score; the model holds that epoch's weights.</summary>
    public event Action<EpochSummary>? NewBest;

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
        var first = trainForEpoch(1);
        if (first.Count == 0) throw new ArgumentException("the training set is empty");
        var train = first;
        var rng = new Random(options.Seed);
        long stepsPerEpoch = (first.Count + options.BatchSize - 1) / options.BatchSize;
        long totalSteps = stepsPerEpoch * options.Epochs;
        long warmupSteps = (long)Math.Round(options.WarmupFraction * totalSteps);
        using var optimizer = CreateOptimizer();

        var history = new List<EpochSummary>();
        Dictionary<string, Tensor>? bestWeights = null;
        double bestScore = double.NaN;
        int bestEpoch = 0, epochsWithoutGain = 0;
        long step = 0;
        bool stoppedEarly = false;
        var clock = Stopwatch.StartNew();

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            if (epoch > 1)
            {
                train = trainForEpoch(epoch);
                if (train.Count != first.Count) throw new InvalidOperationException($"epoch {epoch}'s training set has {train.Count} rows, the first had {first.Count}");
            }
            model.train();
            double lossSum = 0, lr = 0;
            long tokens = 0;
            int stepsInEpoch = 0;
            var batches = Batching.TrainingBatches(train.Ids, options.BatchSize, rng, options.BucketByLength);
            foreach (var batch in batches)
            {
                lr = LearningRateSchedule.At(step, totalSteps, warmupSteps, options.LearningRate, options.MinLearningRateRatio);
                foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
                lossSum += Step(optimizer, train, batch);
                tokens += Batching.TokenCount(train.Ids, batch);
                step++;
                stepsInEpoch++;
                double trainSeconds = epochClock.Elapsed.TotalSeconds;
                var remaining = TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds / step * (totalSteps - step));
                Progress?.Invoke(new TrainingProgress(epoch, options.Epochs, step, totalSteps, lossSum / stepsInEpoch,
                    tokens / Math.Max(trainSeconds, 1e-9), clock.Elapsed, remaining));
            }
            double tokensPerSecond = tokens / Math.Max(epochClock.Elapsed.TotalSeconds, 1e-9);

            double validLoss = double.NaN, validScore = double.NaN;
            bool hasValid = valid is { Count: > 0 };
            if (hasValid)
            {
                var raw = PropertyPredictor.PredictRaw(model, valid!.Ids, options.BatchSize, device);
                validLoss = Loss(raw, valid);
                validScore = score(raw);
            }
            // Without a validation set the latest epoch counts as the best and training runs to the end.
            bool improved = !hasValid || bestEpoch == 0 || IsBetter(validScore, bestScore, higherIsBetter);
            var summary = new EpochSummary(epoch, step, lossSum / batches.Count, validLoss, validScore, lr,
                epochClock.Elapsed.TotalSeconds, tokensPerSecond, improved);
            history.Add(summary);
            if (improved)
            {
                bestScore = validScore;
                bestEpoch = epoch;
                epochsWithoutGain = 0;
                DisposeAll(bestWeights);
                bestWeights = CopyWeights();
                NewBest?.Invoke(summary);
            }
            else epochsWithoutGain++;
            EpochEnded?.Invoke(summary);

            if (options.Patience > 0 && epochsWithoutGain >= options.Patience && epoch < options.Epochs)
            {
                stoppedEarly = true;
                break;
            }
        }

        if (bestWeights is not null)
        {
            model.load_state_dict(bestWeights);
            DisposeAll(bestWeights);
        }
        return new TrainingResult(history, bestEpoch, bestScore, stoppedEarly, step);
    }

    private double Step(OptimizerHelper optimizer, PropertyDataset data, int[] batch)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var ids = Batching.PadIds(data.Ids, batch, device);                  // (B, T)
        var (targets, mask) = TargetTensors(data, batch);                    // (B, K) each
        var outputs = model.forward(ids);                                     // (B, K)
        var loss = PropertyLoss.Compute(model.Config.Task, outputs, targets, mask);
        loss.backward();
        if (options.GradientClip > 0) nn.utils.clip_grad_norm_(model.parameters(), options.GradientClip);
        optimizer.step();
        return loss.item<float>();
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

    /// <summary>AdamW with weight decay on matrices only (biases and LayerNorm gains are not decayed).</summary>
    private AdamW CreateOptimizer()
    {
        var decay = new List<Parameter>();
        var noDecay = new List<Parameter>();
        foreach (var (_, p) in model.named_parameters())
            (p.dim() >= 2 ? decay : noDecay).Add(p);
        return optim.AdamW(
        [
            new AdamW.ParamGroup(decay, new AdamW.Options { LearningRate = options.LearningRate, weight_decay = options.WeightDecay }),
            new AdamW.ParamGroup(noDecay, new AdamW.Options { LearningRate = options.LearningRate, weight_decay = 0.0 }),
        ], lr: options.LearningRate, weight_decay: options.WeightDecay);
    }

    private Dictionary<string, Tensor> CopyWeights() =>
        model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());

    private static void DisposeAll(Dictionary<string, Tensor>? weights)
    {
        if (weights is null) return;
        foreach (var t in weights.Values) t.Dispose();
    }

    /// <summary>NaN scores never win; any real score beats NaN.</summary>
    private static bool IsBetter(double candidate, double best, bool higherIsBetter)
    {
        if (double.IsNaN(candidate)) return false;
        if (double.IsNaN(best)) return true;
        return higherIsBetter ? candidate > best : candidate < best;
    }
}
