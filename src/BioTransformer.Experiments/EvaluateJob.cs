using BioTransformer.Experiments.Tasks;
using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Experiments.Runs;
using BioTransformer.Modeling;
using BioTransformer.Modeling.Checkpoints;
using BioTransformer.Experiments.Manifests;
using Tomlyn.Model;

namespace BioTransformer.Experiments;

/// <summary>
/// The 'evaluate' command: a trained model's task metrics on any file the task reads, whatever the
/// task — property (RMSE, MAE, R², Pearson, Spearman or ROC-AUC, PR-AUC, accuracy per target),
/// generation (perplexity of the file's molecules), mlm (masked perplexity, the run's fixed masking),
/// contacts (precision by range and depth, plus per protein). Written as metrics.json and metrics.csv.
/// </summary>
public static class EvaluateJob
{
    /// <param name="TargetColumns">The file's label columns for the model's targets, in the model's order (property
    /// models); null = columns named like the targets.</param>
    public sealed record Request(string ModelPath, string DataPath, string OutputDirectory, string? SequenceColumn, string DeviceName, int Threads, int BatchSize,
        IReadOnlyList<string>? TargetColumns = null, bool Overwrite = false)
    {
        /// <summary>--column as the user gave it (null when not given); <see cref="SequenceColumn"/> falls back to the training run's.</summary>
        public string? GivenColumn { get; init; }
    }

    public static JsonObject Run(Request request, IRunReporter reporter)
    {
        OutputFile.CheckFolder(request.OutputDirectory, request.Overwrite);
        TorchRuntime.SetThreads(request.Threads);
        var device = TorchRuntime.ResolveDevice(request.DeviceName);
        var directory = Pretrained.ModelDirectory(request.ModelPath);
        var kind = ModelFiles.KindOf(directory);
        if (!File.Exists(request.DataPath)) throw InputException.At(request.DataPath, null, "file not found");
        // The sequence column: the option, else the training run's, else "smiles".
        string column = request.SequenceColumn ?? RunSequenceColumn(directory) ?? "smiles";
        reporter.Info($"Evaluating a '{kind}' model ({directory}) on {request.DataPath}");
        var task = TaskRegistry.Find(kind) ?? throw InputException.At(directory, null, $"unknown model kind '{kind}'", "pass the model folder of a run of this version");
        var (metrics, rows) = task.Evaluate(request with { SequenceColumn = column, GivenColumn = request.SequenceColumn }, directory, device, reporter);
        EvaluationOutput.Write(request.OutputDirectory, kind, directory, request.DataPath, metrics, rows);
        reporter.Results([.. rows.Select(r => ("file", r.Metric, r.Value))]);
        return metrics;
    }

    /// <summary>data.sequence_column of the run that trained the model, when the model sits in a run directory.</summary>
    private static string? RunSequenceColumn(string modelDirectory) =>
        RunTable(modelDirectory, "data") is { } table && table.TryGetValue("sequence_column", out var column) ? column as string : null;

    /// <summary>A table of the manifest of the run that trained the model (its resolved manifest.toml), or null when there is none or it cannot be read.</summary>
    public static TomlTable? RunTable(string modelDirectory, string name)
    {
        var manifest = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelDirectory).TrimEnd('/'))!, ExperimentRunner.ManifestFile);
        if (!File.Exists(manifest)) return null;
        try
        {
            var values = ManifestDocument.Parse(File.ReadAllText(manifest), manifest).Values;
            return values.TryGetValue(name, out var table) ? table as TomlTable : null;
        }
        catch (InputException)
        {
            return null;    // an unreadable record of the training run: fall back to defaults
        }
    }
}
