using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Core.Data;
using BioTransformer.Core.Metrics;
using BioTransformer.Core.Tokenization;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Runs;
using BioTransformer.Modeling.Backbone;
using BioTransformer.Modeling.Checkpoints;
using BioTransformer.Modeling.Heads;
using BioTransformer.Modeling.Training;
using BioTransformer.Plotting;
using TorchSharp;

namespace BioTransformer.Experiments.Property;

/// <summary>
/// Property prediction end to end: read and check the data, split, build the vocabulary from the
/// training split, train with early stopping, then write predictions, metrics and figures.
/// </summary>
public static class PropertyExperiment
{
    public const string EpochMetricsFile = "metrics_epochs.csv";
    public const string DataFile = "data.json";
    public const string RejectedRowsFile = "rejected_rows.csv";

    public static JsonObject Execute(RunContext context)
    {
        var (manifest, run, device, _, reporter) = context;
        var section = manifest.Property!;
        bool regression = section.Type == "regression";
        var domain = Tokenizers.ParseDomain(manifest.Data.Domain);

        reporter.Info($"Reading {manifest.Data.Path}");
        var data = PreparedData.Read(manifest.Data.Path, domain, manifest.Data.SequenceColumn, manifest.Data.Targets,
            classification: !regression, manifest.Data.Strict, manifest.Model.MaxLength);
        WriteDataRecord(run, data);
        if (data.Table.Rejected.Count > 0)
        {
            var first = data.Table.Rejected[0];
            reporter.Warning($"{data.Table.Rejected.Count} of {data.Table.RowCount} rows skipped (see {RejectedRowsFile}); first: line {first.Line}: {first.Reason}");
        }

        var f = manifest.Data.Fractions;
        var split = Splitters.For(manifest.Data.Split).Split(data.Records.Select(r => r.Sequence).ToList(), new SplitFractions(f[0], f[1], f[2]), manifest.Seed);
        reporter.Info($"{data.Records.Count} rows: {split.Train.Count} train, {split.Valid.Count} valid, {split.Test.Count} test ({manifest.Data.Split} split, seed {manifest.Seed})");
        if (split.Train.Count == 0) throw new InputException("the training split is empty: use more data or a larger train fraction");

        var vocabulary = Tokenizers.BuildVocabulary(domain, split.Train.Select(i => data.Tokens[i]));
        var ids = data.Tokens.Select(t => vocabulary.Encode(domain, t)).ToList();
        var labels = data.Records.Select(r => r.Labels).ToList();
        var (means, stds) = regression ? TargetStatistics(labels, split.Train, manifest.Data.Targets.Count) : Identity(manifest.Data.Targets.Count);

        var config = new PropertyModelConfig(
            new BackboneConfig(vocabulary.Count, manifest.Model.Dim, manifest.Model.Layers, manifest.Model.Heads, manifest.Model.FeedForward,
                manifest.Model.Dropout, manifest.Model.MaxLength, manifest.Model.Positional == "rotary" ? PositionalEncoding.Rotary : PositionalEncoding.Learned),
            domain,
            regression ? PropertyTask.Regression : PropertyTask.Classification,
            section.Pooling == "cls" ? Pooling.Cls : Pooling.Mean,
            manifest.Data.Targets, means, stds);

        torch.manual_seed(manifest.Seed);
        using var model = new PropertyModel(config);
        model.to(device);
        long parameters = model.parameters().Sum(p => p.numel());
        reporter.Info($"Model: {parameters:N0} parameters ({manifest.Model.Layers} layers, dim {manifest.Model.Dim}, {manifest.Model.Heads} heads), vocabulary {vocabulary.Count} tokens, device {device.type}");

        var trainSet = Dataset(ids, labels, split.Train, means, stds);
        var validSet = Dataset(ids, labels, split.Valid, means, stds);
        var t = manifest.Train;
        var options = new TrainingOptions(t.Epochs, t.BatchSize, t.LearningRate, t.WeightDecay, t.WarmupFraction, t.MinLrRatio,
            t.GradClip, t.Patience, manifest.Seed);
        var trainer = new PropertyTrainer(model, options, device);
        var epochs = new List<EpochSummary>();
        trainer.Progress += reporter.Step;
        trainer.EpochEnded += summary =>
        {
            epochs.Add(summary);
            reporter.Epoch(summary, section.Metric);
            WriteEpochMetrics(run, epochs, section.Metric);
        };
        trainer.NewBest += _ => ModelFiles.SaveProperty(run.ModelDirectory, model, vocabulary);

        Func<float[,], double> score = raw =>
        {
            var user = model.ToUserUnits(raw);
            var perTarget = Enumerable.Range(0, config.Targets.Count)
                .Select(j => PropertyScores.ForTarget(regression, split.Valid.Select(i => labels[i][j]).ToList(), Column(user, j)));
            return PropertyScores.MeanOverTargets(perTarget, section.Metric);
        };
        var result = trainer.Fit(trainSet, validSet, score, PropertyScores.HigherIsBetter(section.Metric));
        reporter.Info(result.StoppedEarly
            ? $"Early stopping after epoch {result.Epochs.Count}: best validation {section.Metric} {result.BestScore:0.####} at epoch {result.BestEpoch}"
            : $"Trained {result.Epochs.Count} epochs; best validation {section.Metric} {result.BestScore:0.####} at epoch {result.BestEpoch}");

        var metrics = Evaluate(run, model, data, ids, split, regression, device, t.BatchSize);
        metrics["selection_metric"] = section.Metric;
        metrics["best_epoch"] = result.BestEpoch;
        metrics["epochs_run"] = result.Epochs.Count;
        metrics["stopped_early"] = result.StoppedEarly;
        metrics["parameters"] = parameters;
        metrics["rows_used"] = data.Records.Count;
        metrics["rows_rejected"] = data.Table.Rejected.Count;
        run.WriteJson(ExperimentRunner.MetricsFile, metrics);

        WriteLearningCurves(run, epochs, regression, section.Metric);
        reporter.Results(SummaryRows(metrics, regression));
        return metrics;
    }

    /// <summary>Predictions and metrics for every split; writes predictions_{split}.csv and the test figure.</summary>
    private static JsonObject Evaluate(RunDirectory run, PropertyModel model, PreparedData data, IReadOnlyList<int[]> ids,
        SplitIndices split, bool regression, TorchSharp.torch.Device device, int batchSize)
    {
        var targets = model.Config.Targets;
        var splits = new JsonObject();
        foreach (var name in SplitIndices.Names)
        {
            var members = split[name];
            var raw = PropertyPredictor.PredictRaw(model, members.Select(i => ids[i]).ToList(), batchSize, device);
            var predicted = model.ToUserUnits(raw);
            WritePredictions(run.File($"predictions_{name}.csv"), data, members, predicted, targets, regression);

            var perTarget = new JsonObject();
            var scores = new List<Dictionary<string, double>>();
            for (int j = 0; j < targets.Count; j++)
            {
                var s = PropertyScores.ForTarget(regression, members.Select(i => data.Records[i].Labels[j]).ToList(), Column(predicted, j));
                scores.Add(s);
                perTarget[targets[j]] = ToJson(s);
            }
            var mean = new JsonObject { ["count"] = members.Count };
            foreach (var metric in PropertyScores.MetricsFor(regression)) mean[metric] = JsonNumber(PropertyScores.MeanOverTargets(scores, metric));
            splits[name] = new JsonObject { ["mean"] = mean, ["targets"] = perTarget };

            if (name == "test" && members.Count > 0) WriteTestFigures(run, data, members, predicted, targets, regression, scores);
        }
        return new JsonObject { ["task"] = "property", ["type"] = regression ? "regression" : "classification", ["splits"] = splits };
    }

    private static void WriteTestFigures(RunDirectory run, PreparedData data, IReadOnlyList<int> members, double[,] predicted,
        IReadOnlyList<string> targets, bool regression, IReadOnlyList<Dictionary<string, double>> scores)
    {
        if (regression)
        {
            for (int j = 0; j < targets.Count; j++)
            {
                var present = members.Select((i, row) => (Label: data.Records[i].Labels[j], row)).Where(x => x.Label is not null).ToList();
                if (present.Count == 0) continue;
                var file = targets.Count == 1 ? "parity_test.png" : $"parity_test_{j + 1}.png";
                Figures.Parity(Path.Combine(run.FiguresDirectory, file), present.Select(x => x.Label!.Value).ToList(),
                    present.Select(x => predicted[x.row, j]).ToList(), targets[j], scores[j]["rmse"], scores[j]["r2"], "Test set");
            }
            return;
        }
        var curves = new List<Series>();
        for (int j = 0; j < targets.Count; j++)
        {
            var present = members.Select((i, row) => (Label: data.Records[i].Labels[j], row)).Where(x => x.Label is not null).ToList();
            var curve = ClassificationMetrics.RocCurve(present.Select(x => x.Label!.Value).ToList(), present.Select(x => predicted[x.row, j]).ToList());
            if (curve.Count == 0) continue;
            curves.Add(new Series($"{targets[j]} (AUC {scores[j]["roc_auc"]:0.000})", curve.Select(p => p.X).ToList(), curve.Select(p => p.Y).ToList()));
        }
        Figures.Roc(Path.Combine(run.FiguresDirectory, "roc_test.png"), curves, "Test set ROC");
    }

    private static void WriteLearningCurves(RunDirectory run, IReadOnlyList<EpochSummary> epochs, bool regression, string metric)
    {
        var x = epochs.Select(e => (double)e.Epoch).ToList();
        Figures.LearningCurve(Path.Combine(run.FiguresDirectory, "learning_curve.png"),
            [new Series("train", x, epochs.Select(e => e.TrainLoss).ToList()), new Series("validation", x, epochs.Select(e => e.ValidLoss).ToList())],
            regression ? "Loss (MSE of standardised targets)" : "Loss (binary cross-entropy)");
        Figures.LearningCurve(Path.Combine(run.FiguresDirectory, "validation_metric.png"),
            [new Series($"validation {metric}", x, epochs.Select(e => e.ValidScore).ToList())], metric.ToUpperInvariant().Replace('_', '-'),
            "Validation metric");
    }

    private static void WritePredictions(string path, PreparedData data, IReadOnlyList<int> members, double[,] predicted,
        IReadOnlyList<string> targets, bool regression)
    {
        var header = new List<string> { "line", data.Domain == Domain.Smiles ? "smiles" : "sequence" };
        foreach (var target in targets) header.AddRange([target, $"{target}_{(regression ? "pred" : "prob")}"]);
        var rows = members.Select((i, row) =>
        {
            var record = data.Records[i];
            var fields = new List<string> { record.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), record.Sequence };
            for (int j = 0; j < targets.Count; j++)
                fields.AddRange([CsvOutput.Number(record.Labels[j] ?? double.NaN), CsvOutput.Number(predicted[row, j], "G7")]);
            return (IReadOnlyList<string>)fields;
        });
        CsvOutput.Write(path, header, rows);
    }

    private static void WriteEpochMetrics(RunDirectory run, IReadOnlyList<EpochSummary> epochs, string metric)
    {
        string[] header = ["epoch", "step", "train_loss", "valid_loss", $"valid_{metric}", "learning_rate", "seconds", "tokens_per_second", "best"];
        CsvOutput.Write(run.File(EpochMetricsFile), header, epochs.Select(e => (IReadOnlyList<string>)
        [
            e.Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Step.ToString(System.Globalization.CultureInfo.InvariantCulture),
            CsvOutput.Number(e.TrainLoss), CsvOutput.Number(e.ValidLoss), CsvOutput.Number(e.ValidScore), CsvOutput.Number(e.LearningRate),
            CsvOutput.Number(e.Seconds, "0.###"), CsvOutput.Number(e.TokensPerSecond, "0"), e.IsBest ? "1" : "0",
        ]));
    }

    private static void WriteDataRecord(RunDirectory run, PreparedData data)
    {
        var info = new FileInfo(data.Table.Path);
        run.WriteJson(DataFile, new JsonObject
        {
            ["files"] = new JsonArray(new JsonObject
            {
                ["role"] = "data",
                ["path"] = data.Table.Path,
                ["sha256"] = FileHash.Sha256(data.Table.Path),
                ["bytes"] = info.Length,
                ["rows"] = data.Table.RowCount,
                ["rows_used"] = data.Records.Count,
                ["rows_rejected"] = data.Table.Rejected.Count,
            }),
        });
        CsvOutput.Write(run.File(RejectedRowsFile), ["line", "sequence", "reason"],
            data.Table.Rejected.Select(r => (IReadOnlyList<string>)[r.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Sequence, r.Reason]));
    }

    private static PropertyDataset Dataset(IReadOnlyList<int[]> ids, IReadOnlyList<double?[]> labels, IReadOnlyList<int> members,
        IReadOnlyList<double> means, IReadOnlyList<double> stds)
    {
        int k = means.Count;
        var targets = new float[members.Count, k];
        var mask = new bool[members.Count, k];
        for (int row = 0; row < members.Count; row++)
            for (int j = 0; j < k; j++)
                if (labels[members[row]][j] is { } y)
                {
                    targets[row, j] = (float)((y - means[j]) / stds[j]);
                    mask[row, j] = true;
                }
        return new PropertyDataset(members.Select(i => ids[i]).ToList(), targets, mask);
    }

    /// <summary>Per-target mean and standard deviation over the training rows that have the label (std 1 if constant).</summary>
    private static (double[] Means, double[] Stds) TargetStatistics(IReadOnlyList<double?[]> labels, IReadOnlyList<int> train, int k)
    {
        var means = new double[k];
        var stds = new double[k];
        for (int j = 0; j < k; j++)
        {
            var values = train.Select(i => labels[i][j]).OfType<double>().ToList();
            double mean = values.Count == 0 ? 0 : values.Average();
            double variance = values.Count == 0 ? 0 : values.Sum(v => (v - mean) * (v - mean)) / values.Count;
            means[j] = mean;
            stds[j] = variance > 0 ? Math.Sqrt(variance) : 1;
        }
        return (means, stds);
    }

    private static (double[] Means, double[] Stds) Identity(int k) => (new double[k], Enumerable.Repeat(1.0, k).ToArray());

    private static List<double> Column(double[,] values, int j) =>
        Enumerable.Range(0, values.GetLength(0)).Select(i => values[i, j]).ToList();

    private static JsonObject ToJson(Dictionary<string, double> scores)
    {
        var node = new JsonObject();
        foreach (var (key, value) in scores) node[key] = key is "count" or "positives" ? (int)value : JsonNumber(value);
        return node;
    }

    /// <summary>JSON has no NaN: undefined metrics are null.</summary>
    private static JsonNode? JsonNumber(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    private static List<(string, string, double)> SummaryRows(JsonObject metrics, bool regression)
    {
        var rows = new List<(string, string, double)>();
        foreach (var name in SplitIndices.Names)
            foreach (var metric in PropertyScores.MetricsFor(regression))
                rows.Add((name, metric, metrics["splits"]![name]!["mean"]![metric]?.GetValue<double>() ?? double.NaN));
        return rows;
    }
}
