using System.Globalization;
using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Core.Metrics;
using BioTransformer.Experiments.Contacts;
using BioTransformer.Experiments.Generation;
using BioTransformer.Molecules.Generation;
using BioTransformer.Molecules;
using BioTransformer.Plotting;
using BioTransformer.Proteins.Contacts;

namespace BioTransformer.Experiments.Reports;

/// <summary>
/// Every figure of a run, drawn from the files the run saved (metrics_epochs.csv, predictions_test.csv,
/// metrics.json, generated.csv, conditioning_samples.csv, contact_maps/…) — never from the model. The run
/// itself draws its quick-look figures through here, and `plot` redraws them for print, so both always agree.
/// </summary>
public static class RunFigures
{
    /// <summary>Draws the run's figures into <paramref name="outputDirectory"/>; a figure whose data the run did not save is skipped.</summary>
    /// <param name="logLoss">Log-scale y axis on the learning curve.</param>
    public static IReadOnlyList<FigureFile> Draw(SavedRun run, string outputDirectory, FigureOutput output, bool logLoss = false)
    {
        var figures = new List<FigureFile>();
        string Out(string file) => Path.Combine(outputDirectory, file);
        LearningCurves(run, Out, output, logLoss, figures);
        switch (run.Task)
        {
            case "property" when run.Metrics["type"]?.GetValue<string>() == "classification":
                ClassificationCurves(run, Out, output, figures);
                break;
            case "property":
                ParityPlots(run, Out, output, figures);
                break;
            case "generation":
                PropertyHistograms(run, Out, output, figures);
                Conditioning(run, Out, output, figures);
                break;
            case "contacts":
                ContactPrecision(run, Out, output, figures);
                ContactMaps(run, Out, output, figures);
                break;
        }
        return figures;
    }

    /// <summary>The loss the task trains on, as the learning curve's axis label.</summary>
    public static string LossLabel(SavedRun run) => run.Task switch
    {
        "property" => run.Metrics["type"]?.GetValue<string>() == "classification" ? "Loss (binary cross-entropy)" : "Loss (MSE of standardised targets)",
        "generation" => "Loss (cross-entropy, nats per token)",
        "mlm" => "Loss (cross-entropy at masked tokens, nats)",
        "contacts" => "Loss (binary cross-entropy per pair)",
        _ => "Loss",
    };

    /// <summary>A metric name as an axis label: rmse → RMSE, long_P@L/5 → long-range P@L/5.</summary>
    public static string MetricLabel(string metric) => metric switch
    {
        "rmse" or "mae" or "r2" => metric == "r2" ? "R²" : metric.ToUpperInvariant(),
        "roc_auc" => "ROC-AUC",
        "pr_auc" => "PR-AUC",
        "perplexity" => "Perplexity",
        _ when metric.StartsWith("long_", StringComparison.Ordinal) => "long-range " + metric["long_".Length..],
        _ => metric.Replace('_', ' '),
    };

    private static void LearningCurves(SavedRun run, Func<string, string> output, FigureOutput format, bool logLoss, List<FigureFile> figures)
    {
        var path = run.File(RunRecords.EpochMetricsFile);
        if (!File.Exists(path)) return;
        var csv = SavedCsv.Read(path);
        if (csv.Rows.Count == 0) return;
        var epochs = csv.Numbers("epoch").ToList();
        var loss = LossLabel(run);
        figures.Add(new FigureFile($"Learning curve: {loss[0..1].ToLowerInvariant()}{loss[1..]} on the training and validation sets per epoch" + (logLoss ? " (log scale)." : "."),
            Figures.LearningCurve(output("learning_curve.png"),
                [new Series("train", epochs, csv.Numbers("train_loss")), new Series("validation", epochs, csv.Numbers("valid_loss"))],
                loss, logY: logLoss, output: format)));
        // The validation column of the selection metric: valid_<metric>, the one after valid_loss.
        int metricColumn = csv.Column("valid_loss") + 1;
        if (run.Task == "property" && metricColumn < csv.Header.Count && csv.Header[metricColumn].StartsWith("valid_", StringComparison.Ordinal))
        {
            var metric = csv.Header[metricColumn]["valid_".Length..];
            figures.Add(new FigureFile($"Validation {MetricLabel(metric)} per epoch; the best epoch's weights are kept.",
                Figures.LearningCurve(output("validation_metric.png"), [new Series($"validation {MetricLabel(metric)}", epochs, csv.Numbers(metricColumn))],
                    MetricLabel(metric), "Validation metric", output: format)));
        }
    }

    /// <summary>predictions_test.csv: line, sequence, then per target its label column and its _pred/_prob column.</summary>
    private static List<(string Target, double[] Labels, double[] Predictions)> TestPredictions(SavedRun run, string suffix)
    {
        var path = run.File("predictions_test.csv");
        if (!File.Exists(path)) return [];
        var csv = SavedCsv.Read(path);
        var targets = new List<(string, double[], double[])>();
        for (int c = 2; c + 1 < csv.Header.Count; c += 2)
        {
            if (csv.Header[c + 1] != csv.Header[c] + suffix) continue;
            var labels = csv.Numbers(c);
            var predictions = csv.Numbers(c + 1);
            var keep = Enumerable.Range(0, labels.Length).Where(i => double.IsFinite(labels[i]) && double.IsFinite(predictions[i])).ToArray();
            targets.Add((csv.Header[c], keep.Select(i => labels[i]).ToArray(), keep.Select(i => predictions[i]).ToArray()));
        }
        return targets;
    }

    private static void ParityPlots(SavedRun run, Func<string, string> output, FigureOutput format, List<FigureFile> figures)
    {
        var targets = TestPredictions(run, "_pred");
        for (int j = 0; j < targets.Count; j++)
        {
            var (target, labels, predictions) = targets[j];
            if (labels.Length == 0) continue;
            var scores = RegressionMetrics.Compute(labels, predictions);
            var file = targets.Count == 1 ? "parity_test.png" : $"parity_test_{j + 1}.png";
            // The label (and units) the run recorded; runs from before labels existed show the column's name.
            var quantity = run.Metrics["axis_labels"]?[target]?.GetValue<string>() ?? target;
            figures.Add(new FigureFile($"Test set: predicted against measured {quantity} (n = {labels.Length}); dashed line y = x. RMSE {scores.Rmse:0.000}, R² {scores.R2:0.000}.",
                Figures.Parity(output(file), labels, predictions, quantity, scores.Rmse, scores.R2, "Test set", format)));
        }
    }

    private static void ClassificationCurves(SavedRun run, Func<string, string> output, FigureOutput format, List<FigureFile> figures)
    {
        var roc = new List<Series>();
        var pr = new List<Series>();
        var positives = new List<double>();
        foreach (var (target, labels, scores) in TestPredictions(run, "_prob"))
        {
            var curve = ClassificationMetrics.RocCurve(labels, scores);
            if (curve.Count == 0) continue;   // one class only: no curve
            roc.Add(new Series($"{target} (AUC {ClassificationMetrics.Area(curve):0.000})", curve.Select(p => p.X).ToList(), curve.Select(p => p.Y).ToList()));
            var precisionRecall = ClassificationMetrics.PrecisionRecallCurve(labels, scores);
            pr.Add(new Series($"{target} (PR-AUC {ClassificationMetrics.PrAuc(labels, scores):0.000})", precisionRecall.Select(p => p.X).ToList(), precisionRecall.Select(p => p.Y).ToList()));
            positives.Add(labels.Average());
        }
        if (roc.Count == 0) return;
        figures.Add(new FigureFile("Test set ROC curves; dashed diagonal: chance. Legend: area under each curve.",
            Figures.Roc(output("roc_test.png"), roc, "Test set ROC", format)));
        figures.Add(new FigureFile("Test set precision–recall curves; dotted lines: a random classifier's precision (the positive fraction).",
            Figures.PrecisionRecall(output("precision_recall_test.png"), pr, positives, "Test set precision–recall", format)));
    }

    private static void PropertyHistograms(SavedRun run, Func<string, string> output, FigureOutput format, List<FigureFile> figures)
    {
        var samplesPath = run.File(GenerationExperiment.SamplesFile);
        var trainingPath = Path.Combine(run.Directory, "model", TrainingSetFile.FileName);
        if (!File.Exists(samplesPath) || !File.Exists(trainingPath)) return;
        var samples = SavedCsv.Read(samplesPath);
        var valid = samples.Numbers("valid");
        // The training molecules' descriptors are recomputed from the saved canonical training set.
        var training = TrainingSetFile.Read(Path.GetDirectoryName(trainingPath)!).Order(StringComparer.Ordinal).AsParallel().AsOrdered()
            .Select(s => Smiles.TryParse(s, out var m, out _) ? GenerationMetrics.Properties(m!) : null).Where(p => p is not null).ToList();
        for (int p = 0; p < GenerationMetrics.PropertyNames.Count; p++)
        {
            var name = GenerationMetrics.PropertyNames[p];
            var generated = samples.Numbers(name).Where((v, i) => valid[i] == 1 && double.IsFinite(v)).ToList();
            var label = GenerationExperiment.PropertyLabel(name);
            figures.Add(new FigureFile($"{label} of valid generated molecules (n = {generated.Count:N0}) and of the training set (n = {training.Count:N0}), as densities on shared bins.",
                Figures.Histograms(output($"property_{name}.png"), [("training set", training.Select(v => v![p]).ToList()), ("generated", generated)],
                    label, "Generated vs training set", output: format)));
        }
    }

    private static void Conditioning(SavedRun run, Func<string, string> output, FigureOutput format, List<FigureFile> figures)
    {
        var path = run.File(GenerationExperiment.ConditioningSamplesFile);
        var property = run.Metrics["conditioning"]?["property"]?.GetValue<string>();
        if (!File.Exists(path) || property is null) return;
        var csv = SavedCsv.Read(path);
        var requested = csv.Numbers("requested");
        var achieved = csv.Numbers("achieved");
        var groups = requested.Distinct().Select(value => ($"{property} = {value.ToString("G4", CultureInfo.InvariantCulture)} requested",
            (IReadOnlyList<double>)achieved.Where((a, i) => requested[i] == value && double.IsFinite(a)).ToList())).ToList();
        if (groups.All(g => g.Item2.Count == 0)) return;   // a data column condition: nothing can be measured on new molecules
        var label = GenerationExperiment.PropertyLabel(property);
        figures.Add(new FigureFile($"{label} achieved by valid molecules sampled at each requested value.",
            Figures.Histograms(output("conditioning.png"), groups, label, $"Molecules sampled per requested {property}", output: format)));
    }

    private static void ContactPrecision(SavedRun run, Func<string, string> output, FigureOutput format, List<FigureFile> figures)
    {
        var split = run.Metrics["precision"]?["test"] is JsonObject ? "test" : "valid";
        if (run.Metrics["precision"]?[split] is not JsonObject json) return;
        int proteins = json["proteins"]?.GetValue<int>() ?? 0;
        figures.Add(new FigureFile($"Contact precision on the {split} split ({proteins} proteins): fraction of true contacts among the top L, L/2 and L/5 pairs of each separation range, averaged over proteins.",
            ContactScoring.PrecisionFigure(output("precision_by_range.png"), ContactScoring.FromJson(json), $"Contact precision, {split} split ({proteins} proteins)", format)));
    }

    private static void ContactMaps(SavedRun run, Func<string, string> output, FigureOutput format, List<FigureFile> figures)
    {
        var folder = run.File(ContactMapFile.Folder);
        if (!Directory.Exists(folder)) return;
        var longRange = LongRangePrecision(run);
        foreach (var file in Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var (length, probabilities, truth) = ContactMapFile.Read(file);
            var title = longRange.TryGetValue(name, out var p) && double.IsFinite(p)
                ? $"{name}  (L = {length}, long-range P@L/5 = {p:0.00})" : $"{name}  (L = {length})";
            figures.Add(new FigureFile($"Contact map of test protein {name}: predicted probability above the diagonal, true contacts (CB–CB < {ContactMap.Threshold:0} Å) below.",
                ContactFigures.Map(output($"contact_map_{name}.png"), length, probabilities, truth, title, format)));
        }
    }

    /// <summary>Long-range P@L/5 of each test protein, by file-name-safe protein name.</summary>
    private static Dictionary<string, double> LongRangePrecision(SavedRun run)
    {
        var path = run.File(ContactExperiment.PerProteinFile);
        if (!File.Exists(path)) return [];
        var csv = SavedCsv.Read(path);
        int split = csv.Column("split"), protein = csv.Column("protein");
        var values = csv.Numbers($"{ContactRanges.Name(ContactRange.Long)}_P@L/5");
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int r = 0; r < csv.Rows.Count; r++)
            if (csv.Rows[r][split] == "test") result[ContactExperiment.Sanitize(csv.Rows[r][protein])] = values[r];
        return result;
    }
}
