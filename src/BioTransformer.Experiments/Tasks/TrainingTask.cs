using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Core.Data;
using BioTransformer.Core.Tokenization;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Reports;
using BioTransformer.Experiments.Runs;
using BioTransformer.Modeling;
using BioTransformer.Modeling.Checkpoints;
using BioTransformer.Modeling.Heads;
using BioTransformer.Modeling.Training;
using BioTransformer.Plotting;
using Module = TorchSharp.torch.nn.Module;

namespace BioTransformer.Experiments.Tasks;

/// <summary>
/// The sequence every training task runs, written once: read and record the data, split it, build the
/// vocabulary (the pretrained one with init_from), seed, build the model, copy the pretrained backbone in,
/// move it to the device, train with the shared loop (epochs recorded, checkpoints kept, the model saved on
/// every new best), then the task's own evaluation and outputs, and metrics.json. A task supplies the steps
/// that differ as hooks; <typeparamref name="TData"/> carries what its steps share (data, split, vocabulary).
/// </summary>
public abstract class TrainingTask<TData, TModel> : ITask where TModel : Module
{
    public abstract string Name { get; }
    public abstract string Summary { get; }
    public abstract Type SectionType { get; }
    public abstract IReadOnlyList<SplitKind> Splits { get; }

    public virtual object Resolve(object section) => section;
    public virtual void Validate(Manifest manifest, ManifestError error) { }
    public virtual HeadMemory HeadMemory(Manifest manifest) => Tasks.HeadMemory.None;
    public abstract DataCheckReport CheckData(Manifest manifest);
    public abstract EvaluationResult Evaluate(EvaluateJob.Request request, string modelDirectory, TorchSharp.torch.Device device, IRunReporter reporter);
    public abstract string HeadlineMetric(SavedRun run);
    public abstract string LossLabel(SavedRun run);
    public virtual bool DrawsValidationMetric => false;
    public virtual void DrawFigures(SavedRun run, Func<string, string> output, FigureOutput format, List<FigureFile> figures) { }

    /// <summary>Reads, records (data.json, rejected rows), splits and builds the vocabulary.</summary>
    protected abstract TData Prepare(RunContext context);

    /// <summary>The vocabulary <see cref="Prepare"/> settled on; saved with the model.</summary>
    protected abstract Vocabulary VocabularyOf(TData data);

    /// <summary>The model, built after the seed is set (its initial weights depend on it).</summary>
    protected abstract TModel Build(RunContext context, TData data);

    /// <summary>After init_from's backbone was copied in: anything more the task starts from it (nothing by default).</summary>
    protected virtual void AfterPretrained(RunContext context, TData data, TModel model) { }

    /// <summary>The record saved as the model's config in model.json.</summary>
    protected abstract IModelConfig ConfigOf(TModel model);

    /// <summary>One line describing the model, after "Model: N parameters".</summary>
    protected abstract string Describe(RunContext context, TData data, TModel model);

    /// <summary>The task's trainer: its loop, how to fit, and the validation metric's name (metrics_epochs.csv, the console).</summary>
    protected abstract TrainingSession Train(RunContext context, TData data, TModel model);

    /// <summary>After training (the model holds the best epoch's weights): evaluation, predictions, samples; returns metrics.json.</summary>
    protected abstract JsonObject Finish(RunContext context, TData data, TModel model, TrainingResult result, long parameters);

    public JsonObject Execute(RunContext context)
    {
        var (manifest, run, device, _, reporter) = context;
        reporter.Info($"Reading {manifest.Data.Path}");
        var data = Prepare(context);
        TorchRuntime.Seed(manifest.Seed);
        using var model = Build(context, data);
        Pretrained.LoadInto(manifest, model);
        if (manifest.InitFrom.Length > 0) AfterPretrained(context, data, model);
        TorchRuntime.MoveTo(model, device);
        long parameters = TorchRuntime.ParameterCounts(model).All;
        reporter.Info($"Model: {parameters:N0} parameters {Describe(context, data, model)}");

        var session = Train(context, data, model);
        RunRecords.RecordEpochs(session.Loop, run, reporter, session.Metric, manifest.Train.CheckpointEvery);
        var vocabulary = VocabularyOf(data);
        session.Loop.NewBest += _ => ModelFiles.Save(run.ModelDirectory, Name, ConfigOf(model), model, vocabulary);
        var result = session.Fit();
        reporter.Info(RunRecords.Outcome(result, session.MetricLabel, session.MetricFormat));

        var metrics = Finish(context, data, model, result, parameters);
        run.WriteJson(ExperimentRunner.MetricsFile, metrics);
        return metrics;
    }

    /// <summary>
    /// The split every task makes: rows keyed by <paramref name="keys"/> (sequences, or clusters) dealt by
    /// data.split and data.fractions with the seed; an empty training split is an error.
    /// </summary>
    protected static SplitIndices Split(Manifest manifest, IReadOnlyList<string> keys)
    {
        var f = manifest.Data.Fractions;
        return Splitters.For(manifest.Data.Split).Split(keys, new SplitFractions(f[0], f[1], f[2]), manifest.Seed);
    }

    /// <summary>The error of an empty training split, in one place.</summary>
    protected static void RequireTraining(SplitIndices split)
    {
        if (split.Train.Count == 0) throw new InputException("the training split is empty: use more data or a larger train fraction");
    }

    /// <summary>"(L layers, dim D, H heads), vocabulary V tokens{detail}, device cpu": the usual model description.</summary>
    protected static string BackboneDescription(RunContext context, Vocabulary vocabulary, string detail = "")
    {
        var m = context.Manifest.Model;
        return $"({m.Layers} layers, dim {m.Dim}, {m.Heads} heads), vocabulary {vocabulary.Count} tokens{detail}, device {context.Device.type}";
    }

    /// <summary>The four numbers every run's metrics.json reports about its training, at the position the task wants them.</summary>
    protected static void AddTraining(JsonObject metrics, TrainingResult result, long parameters)
    {
        metrics["best_epoch"] = result.BestEpoch;
        metrics["epochs_run"] = result.Epochs.Count;
        metrics["stopped_early"] = result.StoppedEarly;
        metrics["parameters"] = parameters;
    }
}

/// <summary>A task's trainer as the template drives it.</summary>
/// <param name="Metric">The validation metric's name in metrics_epochs.csv ("rmse", "perplexity", …).</param>
/// <param name="MetricLabel">How the outcome line names it ("long-range P@L/5").</param>
public sealed record TrainingSession(TrainingLoop Loop, Func<TrainingResult> Fit, string Metric, string MetricLabel, string MetricFormat = "0.###");
