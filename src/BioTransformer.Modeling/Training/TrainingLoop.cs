using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BioTransformer.Modeling.Training;

/// <summary>
/// The optimisation loop every task shares: AdamW (decay on weight matrices only), linear warm-up +
/// cosine decay, gradient clipping, validation after every epoch, early stopping on the validation
/// score, and the best epoch's weights kept (restored into the model at the end). One dispose scope
/// per step keeps native memory flat. Deterministic on CPU for a given seed and thread count.
/// </summary>
public sealed class TrainingLoop
{
    private readonly nn.Module model;
    private readonly TrainingOptions options;

    public TrainingLoop(nn.Module model, TrainingOptions options)
    {
        this.model = model;
        this.options = options;
    }

    /// <summary>Where to save the loop's state (and resume from); null = no checkpoints.</summary>
    public CheckpointSettings? Checkpoints { get; set; }

    /// <summary>Raised after every optimiser step.</summary>
    public event Action<TrainingProgress>? Progress;

    /// <summary>Raised after every epoch's validation.</summary>
    public event Action<EpochSummary>? EpochEnded;

    /// <summary>Raised when an epoch sets a new best validation score; the model holds that epoch's weights.</summary>
    public event Action<EpochSummary>? NewBest;

    /// <summary>Raised once when training continues from a checkpoint, with the epochs it had finished.</summary>
    public event Action<IReadOnlyList<EpochSummary>, TrainingCheckpoint>? Resumed;

    /// <param name="trainForEpoch">The training set of each epoch (1-based); every epoch's set must have the same size,
    /// since the learning-rate schedule is laid out from the first.</param>
    /// <param name="validate">Scores the model on held-out data; null trains to the last epoch, each epoch counting as best.</param>
    /// <param name="higherIsBetter">Whether larger scores are better (ROC-AUC) or smaller (RMSE, perplexity).</param>
    public TrainingResult Fit(Func<int, ITrainingSet> trainForEpoch, Func<ValidationResult>? validate, bool higherIsBetter)
    {
        var first = trainForEpoch(1);
        if (first.Ids.Count == 0) throw new ArgumentException("the training set is empty");
        var train = first;
        var rng = new Random(options.Seed);
        long stepsPerEpoch = (first.Ids.Count + options.BatchSize - 1) / options.BatchSize;
        long totalSteps = stepsPerEpoch * options.Epochs;
        long warmupSteps = (long)Math.Round(options.WarmupFraction * totalSteps);
        using var optimizer = CreateOptimizer();

        var history = new List<EpochSummary>();
        Dictionary<string, Tensor>? bestWeights = null;
        double bestScore = double.NaN;
        int bestEpoch = 0, epochsWithoutGain = 0, startEpoch = 1, skipBatches = 0;
        long step = 0;
        double resumedLossSum = 0, previousSeconds = 0;
        long resumedTokens = 0;
        bool stoppedEarly = false;
        var clock = Stopwatch.StartNew();
        var pending = new List<PendingStep>();
        long? lastCheckpointStep = null;

        var settings = Checkpoints;
        if (settings is { Resume: true } && File.Exists(settings.Path))
        {
            var (state, best) = TrainingCheckpoint.Load(settings.Path, model, optimizer);
            bestWeights = best;
            history.AddRange(state.History);
            (bestScore, bestEpoch, epochsWithoutGain, step) = (state.BestScore, state.BestEpoch, state.EpochsWithoutGain, state.Step);
            (resumedLossSum, resumedTokens, previousSeconds) = (state.LossSum, state.Tokens, state.Seconds);
            lastCheckpointStep = state.Step;
            ReseedDeviceGenerator(state.Step);
            Resumed?.Invoke(history, state);
            if (state.Completed) return Finish(state.StoppedEarly);
            // Replay the batch order (and per-batch randomness) of everything before the checkpoint.
            for (int epoch = 1; epoch < state.Epoch; epoch++)
            {
                var set = epoch == 1 ? first : trainForEpoch(epoch);
                foreach (var batch in Batching.TrainingBatches(set.Ids, options.BatchSize, rng, options.BucketByLength)) set.Skip(batch);
            }
            (startEpoch, skipBatches) = (state.Epoch, state.BatchesDone);
        }
        long firstStep = step;

        for (int epoch = startEpoch; epoch <= options.Epochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            if (epoch > 1)
            {
                train = trainForEpoch(epoch);
                if (train.Ids.Count != first.Ids.Count)
                    throw new InvalidOperationException($"epoch {epoch}'s training set has {train.Ids.Count} rows, the first had {first.Ids.Count}");
            }
            model.train();
            double lossSum = 0, lr = 0;
            long tokens = 0;
            int stepsInEpoch = 0;
            var batches = Batching.TrainingBatches(train.Ids, options.BatchSize, rng, options.BucketByLength);
            if (skipBatches > 0)
            {
                for (int b = 0; b < skipBatches; b++) train.Skip(batches[b]);
                (stepsInEpoch, lossSum, tokens) = (skipBatches, resumedLossSum, resumedTokens);
                lr = LearningRateSchedule.At(step - 1, totalSteps, warmupSteps, options.LearningRate, options.MinLearningRateRatio);
            }
            for (int b = skipBatches; b < batches.Count; b++)
            {
                var batch = batches[b];
                lr = LearningRateSchedule.At(step, totalSteps, warmupSteps, options.LearningRate, options.MinLearningRateRatio);
                foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
                pending.Add(Step(optimizer, train, batch, step + 1));
                tokens += Batching.TokenCount(train.Ids, batch);
                step++;
                stepsInEpoch++;
                bool checkpointDue = settings is { EverySteps: > 0 } && step % settings.EverySteps == 0 && b + 1 < batches.Count;
                // The loss is read back from the device once per interval (and before a checkpoint or the epoch's end):
                // that is where non-finite values are caught, before anything is saved from them.
                if (pending.Count < Math.Max(1, options.LogEvery) && !checkpointDue && b + 1 < batches.Count) continue;
                foreach (var loss in ReadBack(pending, epoch)) lossSum += loss;
                double trainSeconds = epochClock.Elapsed.TotalSeconds;
                double elapsed = previousSeconds + clock.Elapsed.TotalSeconds;
                var remaining = TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds / (step - firstStep) * (totalSteps - step));
                Progress?.Invoke(new TrainingProgress(epoch, options.Epochs, step, totalSteps, lossSum / stepsInEpoch,
                    tokens / Math.Max(trainSeconds, 1e-9), TimeSpan.FromSeconds(elapsed), remaining));
                if (checkpointDue) Checkpoint(epoch, b + 1, lossSum, tokens, completed: false);
            }
            skipBatches = 0;
            double tokensPerSecond = tokens / Math.Max(epochClock.Elapsed.TotalSeconds, 1e-9);
            if (!WeightsAreFinite())
                throw new NonFiniteTrainingException(NonFiniteQuantity.Weights, epoch, step, double.NaN, settings?.Path, lastCheckpointStep);

            var validation = validate?.Invoke();
            // Without validation the latest epoch counts as the best and training runs to the end. A score that is
            // not a finite number (a NaN ROC-AUC of a one-class validation set, say) never makes an epoch the best.
            bool improved = validation is null
                ? true
                : double.IsFinite(validation.Score) && (bestEpoch == 0 || IsBetter(validation.Score, bestScore, higherIsBetter));
            var summary = new EpochSummary(epoch, step, lossSum / batches.Count, validation?.Loss ?? double.NaN, validation?.Score ?? double.NaN, lr,
                epochClock.Elapsed.TotalSeconds, tokensPerSecond, improved, Environment.WorkingSet / (1024.0 * 1024.0));
            history.Add(summary);
            if (improved)
            {
                bestScore = summary.ValidScore;
                bestEpoch = epoch;
                epochsWithoutGain = 0;
                DisposeAll(bestWeights);
                bestWeights = CopyWeights();
                NewBest?.Invoke(summary);
            }
            else epochsWithoutGain++;
            EpochEnded?.Invoke(summary);

            stoppedEarly = options.Patience > 0 && epochsWithoutGain >= options.Patience && epoch < options.Epochs;
            bool done = stoppedEarly || epoch == options.Epochs;
            // The next epoch starts from here; a finished loop records that training is over.
            Checkpoint(epoch + 1, 0, 0, 0, completed: done);
            if (stoppedEarly) break;
        }

        if (bestEpoch == 0 && history.Count > 0)
            throw new NonFiniteTrainingException(NonFiniteQuantity.ValidationScore, history[^1].Epoch, step, history[^1].ValidScore, settings?.Path, lastCheckpointStep);
        return Finish(stoppedEarly);

        // The model ends holding the best epoch's weights.
        TrainingResult Finish(bool early)
        {
            if (bestWeights is not null)
            {
                model.load_state_dict(bestWeights);
                DisposeAll(bestWeights);
            }
            return new TrainingResult(history, bestEpoch, bestScore, early, step);
        }

        void Checkpoint(int epoch, int batchesDone, double lossSum, long tokens, bool completed)
        {
            if (settings is null) return;
            new TrainingCheckpoint
            {
                Epoch = epoch, BatchesDone = batchesDone, Step = step, LossSum = lossSum, Tokens = tokens,
                BestScore = bestScore, BestEpoch = bestEpoch, EpochsWithoutGain = epochsWithoutGain,
                Completed = completed, StoppedEarly = stoppedEarly, History = [.. history],
                Seconds = previousSeconds + clock.Elapsed.TotalSeconds,
            }.Save(settings.Path, model, bestWeights, optimizer);
            lastCheckpointStep = step;
            ReseedDeviceGenerator(step);
        }

        // The pending steps' losses in step order, after checking every loss and gradient norm.
        float[] ReadBack(List<PendingStep> steps, int epoch)
        {
            try
            {
                using var scope = NewDisposeScope();
                var values = stack(steps.SelectMany(p => new[] { p.Loss, p.GradientNorm }).ToArray()).cpu().data<float>().ToArray();
                var losses = new float[steps.Count];
                for (int i = 0; i < steps.Count; i++)
                {
                    float loss = values[2 * i], norm = values[2 * i + 1];
                    if (!float.IsFinite(loss))
                        throw new NonFiniteTrainingException(NonFiniteQuantity.Loss, epoch, steps[i].Step, loss, settings?.Path, lastCheckpointStep);
                    if (!float.IsFinite(norm))
                        throw new NonFiniteTrainingException(NonFiniteQuantity.GradientNorm, epoch, steps[i].Step, norm, settings?.Path, lastCheckpointStep);
                    losses[i] = loss;
                }
                return losses;
            }
            finally
            {
                foreach (var p in steps) p.Dispose();
                steps.Clear();
            }
        }
    }

    /// <summary>
    /// On CUDA, dropout draws from the device's default generator, whose state TorchSharp cannot read or
    /// write (the CPU generator's state is saved in the checkpoint). Reseeding it from (seed, step) at every
    /// checkpoint, and on resume from the checkpoint's step, puts an interrupted and an uninterrupted run on
    /// the same random stream after each checkpoint. A no-op on CPU, so CPU results are unchanged.
    /// </summary>
    private void ReseedDeviceGenerator(long step)
    {
        if (Checkpoints is null || !model.parameters().Any(p => p.device_type == DeviceType.CUDA)) return;
        cuda.manual_seed_all(unchecked((long)((ulong)options.Seed * 0x9E3779B97F4A7C15UL + (ulong)step)));
    }

    /// <summary>One optimiser step; its loss and gradient norm stay on the device until the loop reads them back.</summary>
    private PendingStep Step(OptimizerHelper optimizer, ITrainingSet data, int[] batch, long stepNumber)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var loss = data.BatchLoss(batch);
        loss.backward();
        var norm = GradientClipping.ClipGlobalNorm(model.parameters(), options.GradientClip);
        optimizer.step();
        return new PendingStep(stepNumber, loss.detach().MoveToOuterDisposeScope(), norm.detach().MoveToOuterDisposeScope());
    }

    private sealed record PendingStep(long Step, Tensor Loss, Tensor GradientNorm) : IDisposable
    {
        public void Dispose()
        {
            Loss.Dispose();
            GradientNorm.Dispose();
        }
    }

    private bool WeightsAreFinite()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return model.parameters().All(p => p.isfinite().all().item<bool>());
    }

    /// <summary>AdamW with weight decay on matrices only (biases, LayerNorm gains and embeddings' pad row alike are 1-D or excluded).</summary>
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
