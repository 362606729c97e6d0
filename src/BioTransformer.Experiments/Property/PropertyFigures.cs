using BioTransformer.Core.Metrics;
using BioTransformer.Experiments.Reports;
using BioTransformer.Plotting;

namespace BioTransformer.Experiments.Property;

/// <summary>A property run's figures from its saved predictions: parity plots (regression), ROC and precision–recall curves (classification).</summary>
internal static class PropertyFigures
{
    public static void Draw(SavedRun run, Func<string, string> output, FigureOutput format, List<FigureFile> figures)
    {
        if (run.Metrics["type"]?.GetValue<string>() == Manifests.ManifestEnums.Text(Modeling.Heads.PropertyTask.Classification))
            ClassificationCurves(run, output, format, figures);
        else ParityPlots(run, output, format, figures);
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
}
