using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Core.Tokenization;
using BioTransformer.Experiments.Contacts;
using BioTransformer.Experiments.Generation;
using BioTransformer.Experiments.Pretraining;
using BioTransformer.Experiments.Property;
using BioTransformer.Experiments.Runs;
using BioTransformer.Modeling;
using BioTransformer.Modeling.Checkpoints;
using BioTransformer.Modeling.Heads;
using BioTransformer.Modeling.Training;
using BioTransformer.Molecules;
using BioTransformer.Proteins.Structures;
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
        IReadOnlyList<string>? TargetColumns = null, bool Overwrite = false);

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
        var (metrics, rows) = kind switch
        {
            "property" => Property(directory, request, column, device, reporter),
            "generation" => Generation(directory, request, column, device, reporter),
            "mlm" => Mlm(directory, request, column, device, reporter),
            "contacts" => ContactsOf(directory, request, device),
            _ => throw InputException.At(directory, null, $"unknown model kind '{kind}'"),
        };
        EvaluationOutput.Write(request.OutputDirectory, kind, directory, request.DataPath, metrics, rows);
        reporter.Results([.. rows.Select(r => ("file", r.Metric, r.Value))]);
        return metrics;
    }

    private static (JsonObject, List<(string Metric, double Value)>) Property(string directory, Request request, string column, TorchSharp.torch.Device device, IRunReporter reporter)
    {
        var (model, vocabulary) = ModelFiles.LoadProperty(directory, device);
        using var _ = model;
        var config = model.Config;
        bool regression = config.Task == PropertyTask.Regression;
        var columns = request.TargetColumns ?? config.Targets;
        if (columns.Count != config.Targets.Count)
            throw new InputException($"--target-column names {columns.Count} column(s) but the model predicts {config.Targets.Count} target(s) ({string.Join(", ", config.Targets.Select(t => $"'{t}'"))}): give one column per target, in that order");
        var data = PreparedData.Read(request.DataPath, config.Domain, column, columns, classification: !regression, strict: false,
            config.Backbone.MaxLength, requireLabel: false, commandLine: true);
        WarnRejected(data, reporter);
        var ids = data.Tokens.Select(t => vocabulary.Encode(config.Domain, t)).ToList();
        var predicted = model.ToUserUnits(PropertyPredictor.PredictRaw(model, ids, request.BatchSize, device));
        var metrics = new JsonObject { ["rows_used"] = data.Records.Count, ["rows_rejected"] = data.Table.Rejected.Count };
        var rows = new List<(string, double)>();
        var perTarget = new List<Dictionary<string, double>>();
        for (int t = 0; t < config.Targets.Count; t++)
        {
            var labels = data.Records.Select(r => r.Labels[t]).ToList();
            var scores = PropertyScores.ForTarget(regression, labels, Enumerable.Range(0, data.Records.Count).Select(i => predicted[i, t]).ToList());
            perTarget.Add(scores);
            var target = new JsonObject { ["labelled"] = labels.Count(l => l.HasValue) };
            foreach (var (name, value) in scores)
            {
                target[name] = double.IsFinite(value) ? Math.Round(value, 6) : null;
                rows.Add(($"{config.Targets[t]} {name}", value));
            }
            metrics[config.Targets[t]] = target;
        }
        if (config.Targets.Count > 1)
        {
            var mean = new JsonObject();
            foreach (var name in PropertyScores.MetricsFor(regression))
            {
                double value = PropertyScores.MeanOverTargets(perTarget, name);
                mean[name] = double.IsFinite(value) ? Math.Round(value, 6) : null;
                rows.Add(($"mean {name}", value));
            }
            metrics["mean_over_targets"] = mean;
        }
        return (metrics, rows);
    }

    private static (JsonObject, List<(string Metric, double Value)>) Generation(string directory, Request request, string column, TorchSharp.torch.Device device, IRunReporter reporter)
    {
        var (model, vocabulary) = ModelFiles.LoadLanguageModel(directory, device);
        using var _ = model;
        var config = model.Config;
        string? condition = config.Conditions.Count > 0 ? config.Conditions[0] : null;
        bool columnCondition = condition is not null && !GenerationConditions.IsComputed(condition);
        var data = PreparedData.Read(request.DataPath, Domain.Smiles, column, columnCondition ? [condition!] : [], classification: false, strict: false,
            config.Backbone.MaxLength, requireLabel: columnCondition, validateSmiles: true, commandLine: true);
        WarnRejected(data, reporter);
        var ids = new List<int[]>();
        var prompts = new List<int>();
        var kept = new List<int>();
        for (int i = 0; i < data.Records.Count; i++)
        {
            var scaffold = config.ScaffoldPrefix ? GenerationPrompt.ScaffoldTokens(data.Molecules![i]) : null;
            var (sequence, prompt) = GenerationPrompt.Training(vocabulary, data.Tokens[i], scaffold);
            if (sequence.Length > config.Backbone.MaxLength) continue;
            ids.Add(sequence);
            prompts.Add(prompt);
            kept.Add(i);
        }
        int tooLong = data.Records.Count - kept.Count;
        float[,]? conditions = null;
        if (condition is not null)
        {
            // One row per kept molecule, in the same order as ids.
            conditions = new float[kept.Count, 1];
            for (int k = 0; k < kept.Count; k++)
            {
                int i = kept[k];
                double value = columnCondition ? data.Records[i].Labels[0]!.Value : GenerationConditions.Compute(condition, data.Molecules![i]);
                conditions[k, 0] = (float)((value - config.ConditionMeans[0]) / config.ConditionStds[0]);
            }
        }
        if (tooLong > 0) reporter.Warning($"{tooLong} molecules left out: scaffold + molecule is longer than the model's max_length");
        double nll = LanguageModelTrainer.MeanNegativeLogLikelihood(model, new LanguageModelDataset(ids, prompts, conditions), request.BatchSize, device);
        var metrics = new JsonObject
        {
            ["perplexity"] = Math.Round(Math.Exp(nll), 6),
            ["cross_entropy_nats_per_token"] = Math.Round(nll, 6),
            ["molecules"] = ids.Count,
            ["rows_rejected"] = data.Table.Rejected.Count + tooLong,
        };
        return (metrics, [("perplexity", Math.Exp(nll)), ("cross_entropy_nats_per_token", nll)]);
    }

    private static (JsonObject, List<(string Metric, double Value)>) Mlm(string directory, Request request, string column, TorchSharp.torch.Device device, IRunReporter reporter)
    {
        var (model, vocabulary) = ModelFiles.LoadMaskedLanguageModel(directory, device);
        using var _ = model;
        var config = model.Config;
        var (corpus, table, _) = SequenceCorpus.Load(request.DataPath, config.Domain, column, config.Backbone.MaxLength, strict: false, validateSmiles: true);
        if (table is not null) WarnRejected(table, reporter);
        if (corpus.Chunks.Count == 0) throw InputException.At(request.DataPath, null, "no usable sequences");
        var ids = corpus.Chunks.Select(t => vocabulary.Encode(config.Domain, t)).ToList();
        double nll = MaskedLanguageModelTrainer.MaskedNegativeLogLikelihood(model, ids, vocabulary.IdsOf(config.Domain), request.BatchSize, device,
            MlmExperiment.EvaluationMaskSeed);
        var metrics = new JsonObject
        {
            ["perplexity"] = Math.Round(Math.Exp(nll), 6),
            ["cross_entropy_nats_per_masked_token"] = Math.Round(nll, 6),
            ["sequences"] = corpus.Sequences.Count,
            ["pieces"] = corpus.Chunks.Count,
        };
        return (metrics, [("perplexity", Math.Exp(nll)), ("cross_entropy_nats_per_masked_token", nll)]);
    }

    private static (JsonObject, List<(string Metric, double Value)>) ContactsOf(string directory, Request request, TorchSharp.torch.Device device)
    {
        var (model, vocabulary) = ModelFiles.LoadContactModel(directory, device);
        using var _ = model;
        var chains = StructureFiles.Read(request.DataPath).Where(c => c.HasStructure).ToList();
        if (chains.Count == 0) throw InputException.At(request.DataPath, null, "no protein chain with coordinates", "evaluate contacts on structures: JSON lines, PDB or mmCIF");
        var scored = chains.Select(c => ContactScoring.Predict(model, vocabulary, c, device).Summary()).ToList();
        var means = ContactScoring.Means(scored);
        Directory.CreateDirectory(request.OutputDirectory);
        CsvOutput.Write(Path.Combine(request.OutputDirectory, ContactExperiment.PerProteinFile), ContactScoring.PerProteinHeader(),
            scored.Select(p => ContactScoring.PerProteinRow("file", p)));
        return (new JsonObject { ["precision"] = ContactScoring.ToJson(means, scored.Count) },
            [.. ContactScoring.ResultRows("file", means).Select(r => (r.Metric, r.Value))]);
    }

    private static void WarnRejected(PreparedData data, IRunReporter reporter)
    {
        if (data.Table.Rejected.Count == 0) return;
        var first = data.Table.Rejected[0];
        reporter.Warning($"{data.Table.Rejected.Count} of {data.Table.RowCount} rows skipped; first: line {first.Line}: {first.Reason}");
    }

    /// <summary>data.sequence_column of the run that trained the model, when the model sits in a run directory.</summary>
    private static string? RunSequenceColumn(string modelDirectory)
    {
        var manifest = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelDirectory).TrimEnd('/'))!, ExperimentRunner.ManifestFile);
        if (!File.Exists(manifest)) return null;
        try
        {
            var values = ManifestDocument.Parse(File.ReadAllText(manifest), manifest).Values;
            return values.TryGetValue("data", out var data) && data is TomlTable table && table.TryGetValue("sequence_column", out var column) ? column as string : null;
        }
        catch (InputException)
        {
            return null;    // an unreadable record of the training run: fall back to the default column
        }
    }
}
