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
    public const string EpochMetricsFile = RunRecords.EpochMetricsFile;
    public const string DataFile = RunRecords.DataFile;
    public const string RejectedRowsFile = RunRecords.RejectedRowsFile;

    public static JsonObject Execute(RunContext context)
    {
        var (manifest, run, device, _, reporter) = context;
        var section = manifest.Property!;
        bool regression = section.Type == "regression";
        var domain = Tokenizers.ParseDomain(manifest.Data.Domain);

        reporter.Info($"Reading {manifest.Data.Path}");
        var data = PreparedData.Read(manifest.Data.Path, domain, manifest.Data.SequenceColumn, manifest.Data.Targets,
            classification: !regression, manifest.Data.Strict, manifest.Model.MaxLength, validateSmiles: manifest.Data.ValidateSmiles);
        RunRecords.WriteDataRecord(run, data);
        if (data.Table.Rejected.Count > 0)
        {
            var first = data.Table.Rejected[0];
            reporter.Warning($"{data.Table.Rejected.Count} of {data.Table.RowCount} rows skipped (see {RejectedRowsFile}); first: line {first.Line}: {first.Reason}");
        }

        var f = manifest.Data.Fractions;
        var split = Splitters.For(manifest.Data.Split).Split(data.Records.Select(r => r.Sequence).ToList(), new SplitFractions(f[0], f[1], f[2]), manifest.Seed);
        reporter.Info($"{data.Records.Count} rows: {split.Train.Count} train, {split.Valid.Count} valid, {split.Test.Count} test ({manifest.Data.Split} split, seed {manifest.Seed})");
        if (split.Train.Count == 0) throw new InputException("the training split is empty: use more data or a larger train fraction");

        int augment = manifest.Train.Augment, testTimeAugment = section.TestTimeAugment;
        bool augmenting = augment > 0 || testTimeAugment > 0;
        if (augmenting && data.Molecules is null)
            throw new InputException("SMILES augmentation needs parsed molecules: set data.validate_smiles = true (or train.augment = 0 and property.test_time_augment = 0)");
        // With augmentation the vocabulary also covers tokens that only randomized SMILES use (e.g. ring-bond numbers).
        var vocabularySource = split.Train.Select(i => data.Tokens[i]);
        if (augmenting)
            vocabularySource = vocabularySource.Concat(SmilesAugmentation.VariantTokens(data.Molecules!, split.Train, VocabularyVariants, manifest.Seed));
        var vocabulary = Pretrained.Vocabulary(manifest, domain, () => Tokenizers.BuildVocabulary(domain, vocabularySource), data.Tokens, reporter);
        var ids = data.Tokens.Select(t => vocabulary.Encode(domain, t)).ToList();
        var augmentation = augmenting ? new SmilesAugmentation(data.Molecules!, ids, vocabulary, manifest.Model.MaxLength) : null;
        var labels = data.Records.Select(r => r.Labels).ToList();
        var (means, stds) = regression ? TargetStatistics(labels, split.Train, manifest.Data.Targets.Count) : Identity(manifest.Data.Targets.Count);

        var config = new PropertyModelConfig(
            ManifestConfigs.Backbone(manifest, vocabulary.Count),
            domain,
            regression ? PropertyTask.Regression : PropertyTask.Classification,
            section.Pooling == "cls" ? Pooling.Cls : Pooling.Mean,
            manifest.Data.Targets, means, stds);

        torch.manual_seed(manifest.Seed);
        using var model = new PropertyModel(config);
        Pretrained.LoadInto(manifest, model);
        model.to(device);
        long parameters = model.parameters().Sum(p => p.numel());
        reporter.Info($"Model: {parameters:N0} parameters ({manifest.Model.Layers} layers, dim {manifest.Model.Dim}, {manifest.Model.Heads} heads), vocabulary {vocabulary.Count} tokens, device {device.type}");

        var trainSet = Dataset(split.Train.Select(i => ids[i]).ToList(), labels, split.Train, means, stds);
        Func<int, PropertyDataset> trainForEpoch = augment == 0 ? _ => trainSet : epoch =>
        {
            // Each epoch, every training molecule as `augment` fresh randomized SMILES.
            var (rows, variants) = augmentation!.Epoch(split.Train, augment, new Random(SmilesAugmentation.SeedFor(manifest.Seed, epoch)));
            return Dataset(variants, labels, rows, means, stds);
        };
        if (augment > 0) reporter.Info($"SMILES augmentation: {augment} randomized SMILES per training molecule per epoch");
        var validSet = Dataset(split.Valid.Select(i => ids[i]).ToList(), labels, split.Valid, means, stds);
        var options = ManifestConfigs.Training(manifest);
        var trainer = new PropertyTrainer(model, options, device);
        var epochs = RunRecords.RecordEpochs(trainer.Loop, run, reporter, section.Metric, manifest.Train.CheckpointEvery);
        trainer.NewBest += _ => ModelFiles.SaveProperty(run.ModelDirectory, model, vocabulary);

        Func<float[,], double> score = raw =>
        {
            var user = model.ToUserUnits(raw);
            var perTarget = Enumerable.Range(0, config.Targets.Count)
                .Select(j => PropertyScores.ForTarget(regression, split.Valid.Select(i => labels[i][j]).ToList(), Column(user, j)));
            return PropertyScores.MeanOverTargets(perTarget, section.Metric);
        };
        var result = trainer.Fit(trainForEpoch, validSet, score, PropertyScores.HigherIsBetter(section.Metric));
        reporter.Info(RunRecords.Outcome(result, section.Metric, "0.####"));

        var predicted = PredictAll(model, ids, augmentation, testTimeAugment, manifest.Seed, manifest.Train.BatchSize, device);
        if (testTimeAugment > 0) reporter.Info($"Predictions averaged over the SMILES as written and {testTimeAugment} randomized SMILES");
        var splitMetrics = ScoreSplits(data, split, predicted, regression);
        foreach (var name in SplitIndices.Names)
            WritePredictions(run.File($"predictions_{name}.csv"), data, split[name], predicted, config.Targets, regression);
        var metrics = new JsonObject { ["task"] = "property", ["type"] = regression ? "regression" : "classification", ["splits"] = splitMetrics };
        metrics["axis_labels"] = AxisLabels(manifest.Data.Targets, section.Label, section.Units);
        if (augmentation is not null)
            metrics["augmentation"] = new JsonObject
            {
                ["train_copies_per_epoch"] = augment,
                ["test_time_copies"] = testTimeAugment,
                ["variants"] = augmentation.Produced,
                ["fallbacks_to_written_smiles"] = augmentation.Fallbacks,
            };
        if (section.Baseline == "ridge")
        {
            if (data.Molecules is null)
                reporter.Warning("No fingerprint baseline: it needs SMILES read with data.validate_smiles = true");
            else
            {
                reporter.Info($"Baseline: {FingerprintBaseline.Description}");
                var baseline = FingerprintBaseline.Fit(data.Molecules, labels, split, regression, section.Metric);
                var baselineSplits = ScoreSplits(data, split, baseline.Predictions, regression);
                WritePredictions(run.File("predictions_test_baseline.csv"), data, split.Test, baseline.Predictions, config.Targets, regression);
                var alphas = new JsonObject();
                for (int j = 0; j < config.Targets.Count; j++) alphas[config.Targets[j]] = JsonNumber(baseline.Alphas[j]);
                metrics["baseline"] = new JsonObject { ["model"] = FingerprintBaseline.Description, ["alpha"] = alphas, ["splits"] = baselineSplits };
            }
        }
        metrics["selection_metric"] = section.Metric;
        metrics["best_epoch"] = result.BestEpoch;
        metrics["epochs_run"] = result.Epochs.Count;
        metrics["stopped_early"] = result.StoppedEarly;
        metrics["parameters"] = parameters;
        metrics["rows_used"] = data.Records.Count;
        metrics["rows_rejected"] = data.Table.Rejected.Count;
        run.WriteJson(ExperimentRunner.MetricsFile, metrics);

        reporter.Results(SummaryRows(metrics, regression));
        return metrics;
    }

    /// <summary>Randomized SMILES per molecule used to grow the vocabulary when augmenting.</summary>
    private const int VocabularyVariants = 5;

    /// <summary>
    /// Predictions for every row (N, K) in user units. With test-time augmentation, the mean over the
    /// SMILES as written and <paramref name="copies"/> randomized SMILES (probabilities are averaged for
    /// classification).
    /// </summary>
    private static double[,] PredictAll(PropertyModel model, IReadOnlyList<int[]> ids, SmilesAugmentation? augmentation, int copies,
        int seed, int batchSize, TorchSharp.torch.Device device)
    {
        var predicted = model.ToUserUnits(PropertyPredictor.PredictRaw(model, ids, batchSize, device));
        if (copies == 0 || augmentation is null) return predicted;
        int n = ids.Count, k = predicted.GetLength(1);
        var random = new Random(SmilesAugmentation.SeedFor(seed, -1));
        var variants = new List<int[]>(n * copies);
        for (int i = 0; i < n; i++)
            for (int c = 0; c < copies; c++)
                variants.Add(augmentation.Variant(i, random));
        var more = model.ToUserUnits(PropertyPredictor.PredictRaw(model, variants, batchSize, device));
        for (int i = 0; i < n; i++)
            for (int j = 0; j < k; j++)
            {
                double sum = predicted[i, j];
                for (int c = 0; c < copies; c++) sum += more[i * copies + c, j];
                predicted[i, j] = sum / (copies + 1);
            }
        return predicted;
    }

    /// <summary>Metrics of every split from predictions of every row: the "splits" JSON (mean over targets and per target).</summary>
    private static JsonObject ScoreSplits(PreparedData data, SplitIndices split, double[,] predicted, bool regression)
    {
        int k = predicted.GetLength(1);
        var targets = data.Table.LabelColumns;
        var splits = new JsonObject();
        foreach (var name in SplitIndices.Names)
        {
            var members = split[name];
            var perTarget = new JsonObject();
            var scores = new List<Dictionary<string, double>>();
            for (int j = 0; j < k; j++)
            {
                var s = PropertyScores.ForTarget(regression, members.Select(i => data.Records[i].Labels[j]).ToList(), members.Select(i => predicted[i, j]).ToList());
                scores.Add(s);
                perTarget[targets[j]] = ToJson(s);
            }
            var mean = new JsonObject { ["count"] = members.Count };
            foreach (var metric in PropertyScores.MetricsFor(regression)) mean[metric] = JsonNumber(PropertyScores.MeanOverTargets(scores, metric));
            splits[name] = new JsonObject { ["mean"] = mean, ["targets"] = perTarget };
        }
        return splits;
    }

    private static void WritePredictions(string path, PreparedData data, IReadOnlyList<int> members, double[,] predicted,
        IReadOnlyList<string> targets, bool regression)
    {
        var header = new List<string> { "line", data.Domain == Domain.Smiles ? "smiles" : "sequence" };
        foreach (var target in targets) header.AddRange([target, $"{target}_{(regression ? "pred" : "prob")}"]);
        var rows = members.Select(i =>
        {
            var record = data.Records[i];
            var fields = new List<string> { record.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), record.Sequence };
            for (int j = 0; j < targets.Count; j++)
                fields.AddRange([CsvOutput.Number(record.Labels[j] ?? double.NaN), CsvOutput.Number(predicted[i, j], "G7")]);
            return (IReadOnlyList<string>)fields;
        });
        CsvOutput.Write(path, header, rows);
    }

    /// <summary>A training/validation set: <paramref name="rowIds"/>[r] holds the tokens of row <paramref name="members"/>[r].</summary>
    private static PropertyDataset Dataset(IReadOnlyList<int[]> rowIds, IReadOnlyList<double?[]> labels, IReadOnlyList<int> members,
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
        return new PropertyDataset(rowIds, targets, mask);
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

    /// <summary>Rows of the console's results table: each split, then the baseline's valid and test rows when there is one.</summary>
    private static List<(string, string, double)> SummaryRows(JsonObject metrics, bool regression)
    {
        var rows = new List<(string, string, double)>();
        void Add(string label, JsonNode splits, string name)
        {
            foreach (var metric in PropertyScores.MetricsFor(regression))
                rows.Add((label, metric, splits[name]!["mean"]![metric]?.GetValue<double>() ?? double.NaN));
        }
        foreach (var name in SplitIndices.Names) Add(name, metrics["splits"]!, name);
        if (metrics["baseline"] is JsonObject baseline)
            foreach (var name in new[] { "valid", "test" }) Add($"{name}, ECFP4 baseline", baseline["splits"]!, name);
        return rows;
    }

    /// <summary>
    /// Each target's name as figure axes show it: the manifest's label (single target) or the column name
    /// tidied (underscores to spaces, a capital first letter), with the units in parentheses.
    /// </summary>
    public static JsonObject AxisLabels(IReadOnlyList<string> targets, string label, string units)
    {
        var labels = new JsonObject();
        foreach (var target in targets)
        {
            var name = targets.Count == 1 && label.Length > 0 ? label : Tidy(target);
            labels[target] = units.Length > 0 ? $"{name} ({units})" : name;
        }
        return labels;
    }

    private static string Tidy(string column)
    {
        var text = column.Replace('_', ' ').Trim();
        return text.Length == 0 ? column : char.ToUpperInvariant(text[0]) + text[1..];
    }
}
