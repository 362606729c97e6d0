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
        using var optimizer = CreateOptimizer();
        var run = new FitState(options, first.Ids.Count, Checkpoints);
        if (Checkpoints is { Resume: true } settings && File.Exists(settings.Path) && Resume(run, optimizer, first, trainForEpoch))
            return Finish(run);

        for (int epoch = run.StartEpoch; epoch <= options.Epochs; epoch++)
        {
            var train = epoch == 1 ? first : trainForEpoch(epoch);
            if (train.Ids.Count != first.Ids.Count)
                throw new InvalidOperationException($"epoch {epoch}'s training set has {train.Ids.Count} rows, the first had {first.Ids.Count}");
            var trained = TrainEpoch(run, optimizer, train, epoch);
            if (EndEpoch(run, optimizer, trained, validate, higherIsBetter)) break;
        }
        if (run.BestEpoch == 0 && run.History.Count > 0)
            throw new NonFiniteTrainingException(NonFiniteQuantity.ValidationScore, run.History[^1].Epoch, run.Step, run.History[^1].ValidScore,
                run.Settings?.Path, run.LastCheckpointStep);
        return Finish(run);
    }

    /// <summary>
    /// Everything one call of <see cref="Fit"/> keeps between steps and epochs: the schedule, the batch-order
    /// generator, the epochs so far, the best weights and score, and the checkpoint bookkeeping.
    /// </summary>
    private sealed class FitState(TrainingOptions options, int trainingRows, CheckpointSettings? settings)
    {
        public CheckpointSettings? Settings { get; } = settings;
        public Random Rng { get; } = new(options.Seed);
        public long TotalSteps { get; } = (trainingRows + options.BatchSize - 1) / options.BatchSize * (long)options.Epochs;
        public long WarmupSteps => (long)Math.Round(options.WarmupFraction * TotalSteps);
        public List<EpochSummary> History { get; } = [];
        public Dictionary<string, Tensor>? BestWeights { get; set; }
        public double BestScore { get; set; } = double.NaN;
        public int BestEpoch { get; set; }
        public int EpochsWithoutGain { get; set; }
        public long Step { get; set; }
        public bool StoppedEarly { get; set; }
        public Stopwatch Clock { get; } = Stopwatch.StartNew();
        public List<PendingStep> Pending { get; } = [];
        public long? LastCheckpointStep { get; set; }

        /// <summary>Where the epoch loop starts: epoch 1, or the checkpoint's epoch, batches and partial sums.</summary>
        public int StartEpoch { get; set; } = 1;
        public int SkipBatches { get; set; }
        public double ResumedLossSum { get; set; }
        public long ResumedTokens { get; set; }

        /// <summary>Training seconds of the runs before a resume (elapsed time counts them).</summary>
        public double PreviousSeconds { get; set; }

        /// <summary>The step the loop started at (0, or the checkpoint's), for the time-left estimate.</summary>
        public long FirstStep { get; set; }
    }

    /// <summary>What one epoch's training produced, before validation.</summary>
    private sealed record TrainedEpoch(int Epoch, double LossSum, int Batches, double LearningRate, double TokensPerSecond, Stopwatch Clock);

    /// <summary>
    /// Continues from the checkpoint: restores the model, optimiser, generator and best weights, then replays
    /// the batch order (and per-batch randomness) of everything before it, so the run goes on exactly as an
    /// uninterrupted one. Returns true when the checkpoint recorded that training had finished.
    /// </summary>
    private bool Resume(FitState run, OptimizerHelper optimizer, ITrainingSet first, Func<int, ITrainingSet> trainForEpoch)
    {
        var (state, best) = TrainingCheckpoint.Load(run.Settings!.Path, model, optimizer);
        run.BestWeights = best;
        run.History.AddRange(state.History);
        (run.BestScore, run.BestEpoch, run.EpochsWithoutGain, run.Step) = (state.BestScore, state.BestEpoch, state.EpochsWithoutGain, state.Step);
        (run.ResumedLossSum, run.ResumedTokens, run.PreviousSeconds) = (state.LossSum, state.Tokens, state.Seconds);
        run.LastCheckpointStep = state.Step;
        run.StoppedEarly = state.StoppedEarly;
        ReseedDeviceGenerator(state.Step);
        Resumed?.Invoke(run.History, state);
        if (state.Completed) return true;
        for (int epoch = 1; epoch < state.Epoch; epoch++)
        {
            var set = epoch == 1 ? first : trainForEpoch(epoch);
            foreach (var batch in Batching.TrainingBatches(set.Ids, options.BatchSize, run.Rng, options.BucketByLength)) set.Skip(batch);
        }
        (run.StartEpoch, run.SkipBatches, run.FirstStep) = (state.Epoch, state.BatchesDone, state.Step);
        return false;
    }

    /// <summary>
    /// One epoch of optimiser steps (after a resume, the checkpoint's batches of it are skipped and its partial
    /// sums taken over). Losses are read back from the device every LogEvery steps, before a checkpoint and at
    /// the epoch's end: that is where non-finite values are caught, before anything is saved from them.
    /// </summary>
    private TrainedEpoch TrainEpoch(FitState run, OptimizerHelper optimizer, ITrainingSet train, int epoch)
    {
        var clock = Stopwatch.StartNew();
        model.train();
        double lossSum = 0, lr = 0;
        long tokens = 0;
        int stepsInEpoch = 0, skip = run.SkipBatches;
        var batches = Batching.TrainingBatches(train.Ids, options.BatchSize, run.Rng, options.BucketByLength);
        if (skip > 0)
        {
            for (int b = 0; b < skip; b++) train.Skip(batches[b]);
            (stepsInEpoch, lossSum, tokens) = (skip, run.ResumedLossSum, run.ResumedTokens);
            lr = LearningRateSchedule.At(run.Step - 1, run.TotalSteps, run.WarmupSteps, options.LearningRate, options.MinLearningRateRatio);
        }
        for (int b = skip; b < batches.Count; b++)
        {
            var batch = batches[b];
            lr = LearningRateSchedule.At(run.Step, run.TotalSteps, run.WarmupSteps, options.LearningRate, options.MinLearningRateRatio);
            foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
            run.Pending.Add(Step(optimizer, train, batch, run.Step + 1));
            tokens += Batching.TokenCount(train.Ids, batch);
            run.Step++;
            stepsInEpoch++;
            bool checkpointDue = run.Settings is { EverySteps: > 0 } && run.Step % run.Settings.EverySteps == 0 && b + 1 < batches.Count;
            if (run.Pending.Count < Math.Max(1, options.LogEvery) && !checkpointDue && b + 1 < batches.Count) continue;
            foreach (var loss in ReadBack(run, epoch)) lossSum += loss;
            double trainSeconds = clock.Elapsed.TotalSeconds;
            double elapsed = run.PreviousSeconds + run.Clock.Elapsed.TotalSeconds;
            var remaining = TimeSpan.FromSeconds(run.Clock.Elapsed.TotalSeconds / (run.Step - run.FirstStep) * (run.TotalSteps - run.Step));
            Progress?.Invoke(new TrainingProgress(epoch, options.Epochs, run.Step, run.TotalSteps, lossSum / stepsInEpoch,
                tokens / Math.Max(trainSeconds, 1e-9), TimeSpan.FromSeconds(elapsed), remaining));
            if (checkpointDue) Checkpoint(run, optimizer, epoch, b + 1, lossSum, tokens, completed: false);
        }
        run.SkipBatches = 0;
        double tokensPerSecond = tokens / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        if (!WeightsAreFinite())
            throw new NonFiniteTrainingException(NonFiniteQuantity.Weights, epoch, run.Step, double.NaN, run.Settings?.Path, run.LastCheckpointStep);
        return new TrainedEpoch(epoch, lossSum, batches.Count, lr, tokensPerSecond, clock);
    }

    /// <summary>
    /// Validates the epoch, keeps the best weights, applies early stopping and checkpoints the end of the epoch.
    /// Returns true when training stops early.
    /// </summary>
    private bool EndEpoch(FitState run, OptimizerHelper optimizer, TrainedEpoch trained, Func<ValidationResult>? validate, bool higherIsBetter)
    {
        int epoch = trained.Epoch;
        var validation = validate?.Invoke();
        // Without validation the latest epoch counts as the best and training runs to the end. A score that is
        // not a finite number (a NaN ROC-AUC of a one-class validation set, say) never makes an epoch the best.
        bool improved = validation is null
            ? true
            : double.IsFinite(validation.Score) && (run.BestEpoch == 0 || IsBetter(validation.Score, run.BestScore, higherIsBetter));
        var summary = new EpochSummary(epoch, run.Step, trained.LossSum / trained.Batches, validation?.Loss ?? double.NaN, validation?.Score ?? double.NaN,
            trained.LearningRate, trained.Clock.Elapsed.TotalSeconds, trained.TokensPerSecond, improved, Environment.WorkingSet / (1024.0 * 1024.0));
        run.History.Add(summary);
        if (improved)
        {
            run.BestScore = summary.ValidScore;
            run.BestEpoch = epoch;
            run.EpochsWithoutGain = 0;
            DisposeAll(run.BestWeights);
            run.BestWeights = CopyWeights();
            NewBest?.Invoke(summary);
        }
        else run.EpochsWithoutGain++;
        EpochEnded?.Invoke(summary);

        run.StoppedEarly = options.Patience > 0 && run.EpochsWithoutGain >= options.Patience && epoch < options.Epochs;
        // The next epoch starts from here; a finished loop records that training is over.
        Checkpoint(run, optimizer, epoch + 1, 0, 0, 0, completed: run.StoppedEarly || epoch == options.Epochs);
        return run.StoppedEarly;
    }

    /// <summary>The model ends holding the best epoch's weights.</summary>
    private TrainingResult Finish(FitState run)
    {
        if (run.BestWeights is not null)
        {
            model.load_state_dict(run.BestWeights);
            DisposeAll(run.BestWeights);
        }
        return new TrainingResult(run.History, run.BestEpoch, run.BestScore, run.StoppedEarly, run.Step);
    }

    private void Checkpoint(FitState run, OptimizerHelper optimizer, int epoch, int batchesDone, double lossSum, long tokens, bool completed)
    {
        if (run.Settings is null) return;
        new TrainingCheckpoint
        {
            Epoch = epoch, BatchesDone = batchesDone, Step = run.Step, LossSum = lossSum, Tokens = tokens,
            BestScore = run.BestScore, BestEpoch = run.BestEpoch, EpochsWithoutGain = run.EpochsWithoutGain,
            Completed = completed, StoppedEarly = run.StoppedEarly, History = [.. run.History],
            Seconds = run.PreviousSeconds + run.Clock.Elapsed.TotalSeconds,
        }.Save(run.Settings.Path, model, run.BestWeights, optimizer);
        run.LastCheckpointStep = run.Step;
        ReseedDeviceGenerator(run.Step);
    }

    /// <summary>The pending steps' losses in step order, after checking every loss and gradient norm.</summary>
    private static float[] ReadBack(FitState run, int epoch)
    {
        var steps = run.Pending;
        try
        {
            using var scope = NewDisposeScope();
            var values = stack(steps.SelectMany(p => new[] { p.Loss, p.GradientNorm }).ToArray()).cpu().data<float>().ToArray();
            var losses = new float[steps.Count];
            for (int i = 0; i < steps.Count; i++)
            {
                float loss = values[2 * i], norm = values[2 * i + 1];
                if (!float.IsFinite(loss))
                    throw new NonFiniteTrainingException(NonFiniteQuantity.Loss, epoch, steps[i].Step, loss, run.Settings?.Path, run.LastCheckpointStep);
                if (!float.IsFinite(norm))
                    throw new NonFiniteTrainingException(NonFiniteQuantity.GradientNorm, epoch, steps[i].Step, norm, run.Settings?.Path, run.LastCheckpointStep);
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
