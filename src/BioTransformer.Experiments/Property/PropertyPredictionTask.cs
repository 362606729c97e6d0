using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Core.Data;
using BioTransformer.Core.Metrics;
using BioTransformer.Core.Tokenization;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Runs;
using BioTransformer.Modeling.Checkpoints;
using BioTransformer.Modeling.Heads;
using BioTransformer.Modeling.Training;
using BioTransformer.Experiments.Reports;
using BioTransformer.Experiments.Tasks;
using BioTransformer.Plotting;

namespace BioTransformer.Experiments.Property;

/// <summary>
/// task = "property": property prediction end to end. Reads and checks the data, splits it, builds the
/// vocabulary from the training split, trains with early stopping, then writes predictions, metrics (with
/// the ECFP4 baseline fitted on the same split) and figures.
/// </summary>
public sealed class PropertyPredictionTask : TrainingTask<PropertyPredictionTask.Data, PropertyModel>
{
    public const string EpochMetricsFile = RunRecords.EpochMetricsFile;
    public const string DataFile = RunRecords.DataFile;
    public const string RejectedRowsFile = RunRecords.RejectedRowsFile;

    /// <summary>The task's name: the manifest's task, its table and its models' kind.</summary>
    public const string Kind = "property";

    public override string Name => Kind;
    public override string Summary => "regression or classification";
    /// <summary>Loads a property model saved by a run of this task onto <paramref name="device"/>, in eval mode.</summary>
    public static (PropertyModel Model, Vocabulary Vocabulary) LoadModel(string directory, TorchSharp.torch.Device device) =>
        ModelFiles.Load<PropertyModel, PropertyModelConfig>(directory, Kind, device, c => new PropertyModel(c));

    public override Type SectionType => typeof(PropertySection);
    public override IReadOnlyList<SplitKind> Splits => [SplitKind.Random, SplitKind.Scaffold, SplitKind.ScaffoldBalanced];

    /// <summary>What the steps of a property run share.</summary>
    /// <param name="Features">Scaled extra features of every row and their scaling, when property.features names any.</param>
    public sealed record Data(PropertySection Section, PreparedData Table, SplitIndices Split, Vocabulary Vocabulary, List<int[]> Ids,
        SmilesAugmentation? Augmentation, List<double?[]> Labels, double[] Means, double[] Stds, (float[,] Values, FeatureScaling Scaling)? Features)
    {
        public bool Regression => Section.Type == PropertyTask.Regression;
    }

    public override object Resolve(object section) =>
        section is PropertySection { Metric: "" } p ? p with { Metric = p.Type == PropertyTask.Regression ? "rmse" : "roc_auc" } : section;

    public override void Validate(Manifest manifest, ManifestError error)
    {
        if (manifest.Data.Targets.Count == 0)
            throw error("data.targets", "data.targets is empty", "name the label column(s), e.g. targets = [\"logS\"]");
        if (manifest.Data.Targets.Distinct().Count() != manifest.Data.Targets.Count)
            throw error("data.targets", "data.targets names a column twice");
        var p = manifest.Section<PropertySection>();
        string[] allowed = p.Type == PropertyTask.Regression ? ["rmse", "mae", "r2"] : ["roc_auc", "pr_auc"];
        if (!allowed.Contains(p.Metric))
            throw error("property.metric", $"metric \"{p.Metric}\" does not apply to {ManifestEnums.Text(p.Type)}", $"use one of: {string.Join(", ", allowed)}");
        foreach (var set in p.Features)
            if (ManifestEnums.Parse(typeof(MoleculeFeatureSet), set) is null)
                throw error("property.features", $"unknown feature set \"{set}\"", $"use any of: {string.Join(", ", ManifestEnums.Texts(typeof(MoleculeFeatureSet)))}");
        if (p.Features.Distinct().Count() != p.Features.Count)
            throw error("property.features", "property.features names a set twice");
        if (p.Features.Count > 0 && (manifest.Data.Domain != Domain.Smiles || !manifest.Data.ValidateSmiles))
            throw error("property.features", "molecule features need SMILES read as molecules", "set data.domain = \"smiles\" and data.validate_smiles = true, or property.features = []");
        if (p.TestTimeAugment > 0 && manifest.Data.Domain != Domain.Smiles)
            throw error("property.test_time_augment", "property.test_time_augment is SMILES augmentation and needs data.domain = \"smiles\"", "set it to 0 for proteins");
    }

    public override DataCheckReport CheckData(Manifest manifest)
    {
        var data = PreparedData.Read(manifest.Data.Path, manifest.Data.Domain, manifest.Data.SequenceColumn, manifest.Data.Targets,
            classification: manifest.Section<PropertySection>().Type == PropertyTask.Classification, manifest.Data.Strict, manifest.Model.MaxLength,
            validateSmiles: manifest.Data.ValidateSmiles);
        return DataCheckReport.Of(data);
    }

    public override EvaluationResult Evaluate(EvaluateJob.Request request, string modelDirectory, TorchSharp.torch.Device device, IRunReporter reporter) =>
        PropertyEvaluation.Evaluate(request, modelDirectory, device, reporter);

    public override string HeadlineMetric(SavedRun run) => $"splits.test.mean.{run.Metrics["selection_metric"]?.GetValue<string>() ?? "rmse"}";

    public override string LossLabel(SavedRun run) =>
        run.Metrics["type"]?.GetValue<string>() == ManifestEnums.Text(PropertyTask.Classification) ? "Loss (binary cross-entropy)" : "Loss (MSE of standardised targets)";

    public override bool DrawsValidationMetric => true;

    public override void DrawFigures(SavedRun run, Func<string, string> output, FigureOutput format, List<FigureFile> figures) =>
        PropertyFigures.Draw(run, output, format, figures);

    protected override Data Prepare(RunContext context)
    {
        var (manifest, run, _, _, reporter) = context;
        var section = manifest.Section<PropertySection>();
        bool regression = section.Type == PropertyTask.Regression;
        var domain = manifest.Data.Domain;
        var data = PreparedData.Read(manifest.Data.Path, domain, manifest.Data.SequenceColumn, manifest.Data.Targets,
            classification: !regression, manifest.Data.Strict, manifest.Model.MaxLength, validateSmiles: manifest.Data.ValidateSmiles);
        RunRecords.WriteDataRecord(run, data);
        RunRecords.WarnRejected(data, reporter);

        var split = Split(manifest, data.Records.Select(r => r.Sequence).ToList());
        reporter.Info($"{data.Records.Count} rows: {split.Train.Count} train, {split.Valid.Count} valid, {split.Test.Count} test ({ManifestEnums.Text(manifest.Data.Split)} split, seed {manifest.Seed})");
        RequireTraining(split);

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
        (float[,], FeatureScaling)? features = null;
        if (section.Features.Count > 0)
        {
            var sets = MoleculeFeatures.Parse(section.Features);
            var raw = MoleculeFeatures.Compute(data.Molecules!, sets);
            var scaling = FeatureScaling.Fit(section.Features, MoleculeFeatures.Names(sets), raw, split.Train);
            features = (scaling.Apply(raw), scaling);
            reporter.Info($"Extra features: {string.Join(" + ", section.Features)} ({scaling.Count} per molecule, scaled on the training split)");
        }
        return new Data(section, data, split, vocabulary, ids, augmentation, labels, means, stds, features);
    }

    protected override Vocabulary VocabularyOf(Data data) => data.Vocabulary;

    protected override PropertyModel Build(RunContext context, Data data) => new(new PropertyModelConfig(
        ManifestConfigs.Backbone(context.Manifest, data.Vocabulary.Count), context.Manifest.Data.Domain, data.Section.Type, data.Section.Pooling,
        context.Manifest.Data.Targets, data.Means, data.Stds, data.Features?.Scaling));

    protected override IModelConfig ConfigOf(PropertyModel model) => model.Config;

    protected override string Describe(RunContext context, Data data, PropertyModel model) => BackboneDescription(context, data.Vocabulary);

    protected override TrainingSession Train(RunContext context, Data data, PropertyModel model)
    {
        var (manifest, _, device, _, reporter) = context;
        var (section, split, labels, means, stds) = (data.Section, data.Split, data.Labels, data.Means, data.Stds);
        int augment = manifest.Train.Augment;
        var features = data.Features?.Values;
        var trainSet = Dataset(split.Train.Select(i => data.Ids[i]).ToList(), labels, split.Train, means, stds, features);
        Func<int, PropertyDataset> trainForEpoch = augment == 0 ? _ => trainSet : epoch =>
        {
            // Each epoch, every training molecule as `augment` fresh randomized SMILES.
            var (rows, variants) = data.Augmentation!.Epoch(split.Train, augment, new Random(SmilesAugmentation.SeedFor(manifest.Seed, epoch)));
            return Dataset(variants, labels, rows, means, stds, features);
        };
        if (augment > 0) reporter.Info($"SMILES augmentation: {augment} randomized SMILES per training molecule per epoch");
        var validSet = Dataset(split.Valid.Select(i => data.Ids[i]).ToList(), labels, split.Valid, means, stds, features);
        var trainer = new PropertyTrainer(model, ManifestConfigs.Training(manifest), device);
        Func<float[,], double> score = raw =>
        {
            var user = model.ToUserUnits(raw);
            var perTarget = Enumerable.Range(0, model.Config.Targets.Count)
                .Select(j => PropertyScores.ForTarget(data.Regression, split.Valid.Select(i => labels[i][j]).ToList(), Column(user, j)));
            return PropertyScores.MeanOverTargets(perTarget, section.Metric);
        };
        return new TrainingSession(trainer.Loop, () => trainer.Fit(trainForEpoch, validSet, score, PropertyScores.HigherIsBetter(section.Metric)),
            section.Metric, section.Metric, "0.####");
    }

    protected override JsonObject Finish(RunContext context, Data data, PropertyModel model, TrainingResult result, long parameters)
    {
        var (manifest, run, device, _, reporter) = context;
        var (section, table, split) = (data.Section, data.Table, data.Split);
        bool regression = data.Regression;
        int augment = manifest.Train.Augment, testTimeAugment = section.TestTimeAugment;
        var config = model.Config;
        var predicted = PredictAll(model, data.Ids, data.Features?.Values, data.Augmentation, testTimeAugment, manifest.Seed, manifest.Train.BatchSize, device);
        if (testTimeAugment > 0) reporter.Info($"Predictions averaged over the SMILES as written and {testTimeAugment} randomized SMILES");
        var splitMetrics = ScoreSplits(table, split, predicted, regression);
        foreach (var name in SplitIndices.Names)
            WritePredictions(run.File($"predictions_{name}.csv"), table, split[name], predicted, config.Targets, regression);
        var metrics = new JsonObject { ["task"] = Name, ["type"] = ManifestEnums.Text(section.Type), ["splits"] = splitMetrics };
        metrics["axis_labels"] = AxisLabels(manifest.Data.Targets, section.Label, section.Units);
        if (data.Augmentation is { } augmentation)
            metrics["augmentation"] = new JsonObject
            {
                ["train_copies_per_epoch"] = augment,
                ["test_time_copies"] = testTimeAugment,
                ["variants"] = augmentation.Produced,
                ["fallbacks_to_written_smiles"] = augmentation.Fallbacks,
            };
        bool ridge = section.Baseline is BaselineChoice.All or BaselineChoice.Ridge;
        bool trees = section.Baseline is BaselineChoice.All or BaselineChoice.Gbt;
        if ((ridge || trees) && table.Molecules is null)
            reporter.Warning("No classical baselines: they need SMILES read with data.validate_smiles = true");
        else
        {
            if (ridge)
            {
                reporter.Info($"Baseline: {FingerprintBaseline.Description}");
                var baseline = FingerprintBaseline.Fit(table.Molecules!, data.Labels, split, regression, section.Metric);
                var baselineSplits = ScoreSplits(table, split, baseline.Predictions, regression);
                WritePredictions(run.File("predictions_test_baseline.csv"), table, split.Test, baseline.Predictions, config.Targets, regression);
                var alphas = new JsonObject();
                for (int j = 0; j < config.Targets.Count; j++) alphas[config.Targets[j]] = FiniteJson.Number(baseline.Alphas[j]);
                metrics["baseline"] = new JsonObject { ["model"] = FingerprintBaseline.Description, ["alpha"] = alphas, ["splits"] = baselineSplits };
            }
            if (trees)
            {
                reporter.Info($"Baseline: {DescriptorBaseline.Description}");
                var predictions = DescriptorBaseline.Fit(table.Molecules!, data.Labels, split, regression, manifest.Seed);
                WritePredictions(run.File("predictions_test_gbt.csv"), table, split.Test, predictions, config.Targets, regression);
                metrics["descriptor_baseline"] = new JsonObject { ["model"] = DescriptorBaseline.Description, ["splits"] = ScoreSplits(table, split, predictions, regression) };
            }
        }
        metrics["selection_metric"] = section.Metric;
        AddTraining(metrics, result, parameters);
        metrics["rows_used"] = table.Records.Count;
        metrics["rows_rejected"] = table.Table.Rejected.Count;
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
    private static double[,] PredictAll(PropertyModel model, IReadOnlyList<int[]> ids, float[,]? features, SmilesAugmentation? augmentation, int copies,
        int seed, int batchSize, TorchSharp.torch.Device device)
    {
        var predicted = model.ToUserUnits(PropertyPredictor.PredictRaw(model, ids, batchSize, device, features: features));
        if (copies == 0 || augmentation is null) return predicted;
        int n = ids.Count, k = predicted.GetLength(1);
        var random = new Random(SmilesAugmentation.SeedFor(seed, -1));
        var variants = new List<int[]>(n * copies);
        for (int i = 0; i < n; i++)
            for (int c = 0; c < copies; c++)
                variants.Add(augmentation.Variant(i, random));
        var more = model.ToUserUnits(PropertyPredictor.PredictRaw(model, variants, batchSize, device, features: Repeat(features, copies)));
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
            foreach (var metric in PropertyScores.MetricsFor(regression)) mean[metric] = FiniteJson.Number(PropertyScores.MeanOverTargets(scores, metric));
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

    /// <summary>Each row of <paramref name="features"/> <paramref name="copies"/> times in a row (the features of augmented copies), or null.</summary>
    private static float[,]? Repeat(float[,]? features, int copies)
    {
        if (features is null) return null;
        int n = features.GetLength(0), f = features.GetLength(1);
        var repeated = new float[n * copies, f];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < copies; c++)
                for (int j = 0; j < f; j++)
                    repeated[i * copies + c, j] = features[i, j];
        return repeated;
    }

    /// <summary>A training/validation set: <paramref name="rowIds"/>[r] holds the tokens of row <paramref name="members"/>[r].</summary>
    private static PropertyDataset Dataset(IReadOnlyList<int[]> rowIds, IReadOnlyList<double?[]> labels, IReadOnlyList<int> members,
        IReadOnlyList<double> means, IReadOnlyList<double> stds, float[,]? features)
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
        float[,]? rowFeatures = null;
        if (features is not null)
        {
            int f = features.GetLength(1);
            rowFeatures = new float[members.Count, f];
            for (int row = 0; row < members.Count; row++)
                for (int j = 0; j < f; j++)
                    rowFeatures[row, j] = features[members[row], j];
        }
        return new PropertyDataset(rowIds, targets, mask, rowFeatures);
    }

    /// <summary>Per-target mean and standard deviation over the training rows that have the label (std 1 if constant).</summary>
    private static (double[] Means, double[] Stds) TargetStatistics(IReadOnlyList<double?[]> labels, IReadOnlyList<int> train, int k)
    {
        var means = new double[k];
        var stds = new double[k];
        for (int j = 0; j < k; j++)
            (means[j], stds[j]) = SampleStatistics.Standardisation(train.Select(i => labels[i][j]).OfType<double>().ToList());
        return (means, stds);
    }

    private static (double[] Means, double[] Stds) Identity(int k) => (new double[k], Enumerable.Repeat(1.0, k).ToArray());

    private static List<double> Column(double[,] values, int j) =>
        Enumerable.Range(0, values.GetLength(0)).Select(i => values[i, j]).ToList();

    private static JsonObject ToJson(Dictionary<string, double> scores)
    {
        var node = new JsonObject();
        foreach (var (key, value) in scores) node[key] = key is "count" or "positives" ? (int)value : FiniteJson.Number(value);
        return node;
    }

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
        if (metrics["descriptor_baseline"] is JsonObject trees)
            foreach (var name in new[] { "valid", "test" }) Add($"{name}, RDKit 2D trees", trees["splits"]!, name);
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
