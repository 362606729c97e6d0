using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Reports;
using BioTransformer.Experiments.Runs;
using BioTransformer.Plotting;

namespace BioTransformer.Experiments.Tasks;

/// <summary>Builds the one-line error of a manifest check: the key it is about (its file and line are found), what is wrong, what to do.</summary>
public delegate InputException ManifestError(string key, string what, string? hint = null);

/// <summary>
/// One kind of experiment. Its name is the manifest's <c>task</c>, the key of its own table ([property]) and
/// the kind recorded in its models' model.json. The CLI, <c>validate</c>, <c>evaluate</c>, <c>plot</c>,
/// <c>report</c> and <c>sweep collect</c> find a task through <see cref="TaskRegistry"/> and ask it what they
/// need: nothing outside a task's folder switches on its name. See docs/adding-a-task.md.
/// </summary>
public interface ITask
{
    /// <summary>"property", "generation", …: the manifest's task, its table and its model kind.</summary>
    string Name { get; }

    /// <summary>What it trains, in a few words, for the <c>task</c> key's documentation.</summary>
    string Summary { get; }

    /// <summary>The record its manifest table binds to (keys with [Key] attributes, as every manifest table).</summary>
    Type SectionType { get; }

    /// <summary>The splits data.split may name for it.</summary>
    IReadOnlyList<SplitKind> Splits { get; }

    /// <summary>Fills defaults that depend on other keys (e.g. property.metric from property.type); returns the section.</summary>
    object Resolve(object section) => section;

    /// <summary>Checks that involve its table and other keys; throws through <paramref name="error"/>.</summary>
    void Validate(Manifest manifest, ManifestError error) { }

    /// <summary>What the task's head adds to a training step's memory (see ManifestMemory); nothing by default.</summary>
    HeadMemory HeadMemory(Manifest manifest) => Tasks.HeadMemory.None;

    /// <summary><c>validate</c>: reads the manifest's data as a run would, without training.</summary>
    DataCheckReport CheckData(Manifest manifest);

    /// <summary><c>run</c>: trains, writes the run directory's files and returns the content of metrics.json.</summary>
    JsonObject Execute(RunContext context);

    /// <summary><c>evaluate</c>: the task's metrics of the model in <paramref name="modelDirectory"/> on a labelled file.</summary>
    EvaluationResult Evaluate(EvaluateJob.Request request, string modelDirectory, TorchSharp.torch.Device device, IRunReporter reporter);

    /// <summary>The metric compared across runs by default, as a dotted path into metrics.json.</summary>
    string HeadlineMetric(SavedRun run);

    /// <summary>The loss the task trains on, as the learning curve's axis label.</summary>
    string LossLabel(SavedRun run);

    /// <summary>True when the learning curve also plots the validation metric per epoch (a second panel).</summary>
    bool DrawsValidationMetric => false;

    /// <summary>The task's figures, drawn from the run's saved files (the learning curve every run has is drawn by the caller).</summary>
    void DrawFigures(SavedRun run, Func<string, string> output, FigureOutput format, List<FigureFile> figures);
}

/// <summary>A head's pair representation, as the memory estimate needs it: channels (× blocks), residues per side, and the manifest keys that set them.</summary>
public sealed record HeadMemory(int PairChannels, int PairLength, string Keys)
{
    public static HeadMemory None { get; } = new(0, 0, "");
}

/// <summary>What <see cref="ITask.Evaluate"/> found: metrics.json's content and the (metric, value) rows of metrics.csv and the console table.</summary>
public sealed record EvaluationResult(JsonObject Metrics, IReadOnlyList<(string Metric, double Value)> Rows);
