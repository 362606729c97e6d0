using BioTransformer.Core.Metrics;

namespace BioTransformer.Experiments.Property;

/// <summary>
/// Metrics of property predictions in user units, per target and averaged over targets (the
/// MoleculeNet convention for multi-task sets), only over rows where the label is present.
/// </summary>
public static class PropertyScores
{
    public static IReadOnlyList<string> RegressionNames { get; } = ["rmse", "mae", "r2", "pearson", "spearman"];

    public static IReadOnlyList<string> ClassificationNames { get; } = ["roc_auc", "pr_auc", "average_precision", "accuracy"];

    public static IReadOnlyList<string> MetricsFor(bool regression) => regression ? RegressionNames : ClassificationNames;

    /// <summary>Whether larger values of the metric are better.</summary>
    public static bool HigherIsBetter(string metric) => metric is not ("rmse" or "mae");

    /// <summary>Scores of one target: metric name → value (NaN where undefined), plus "count".</summary>
    public static Dictionary<string, double> ForTarget(bool regression, IReadOnlyList<double?> labels, IReadOnlyList<double> predictions)
    {
        var truth = new List<double>();
        var predicted = new List<double>();
        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i] is not { } y) continue;
            truth.Add(y);
            predicted.Add(predictions[i]);
        }
        var scores = new Dictionary<string, double> { ["count"] = truth.Count };
        if (regression)
        {
            var r = RegressionMetrics.Compute(truth, predicted);
            scores["rmse"] = r.Rmse;
            scores["mae"] = r.Mae;
            scores["r2"] = r.R2;
            scores["pearson"] = r.Pearson;
            scores["spearman"] = r.Spearman;
        }
        else
        {
            var c = ClassificationMetrics.Compute(truth, predicted);
            scores["roc_auc"] = c.RocAuc;
            scores["pr_auc"] = c.PrAuc;
            scores["average_precision"] = c.AveragePrecision;
            scores["accuracy"] = c.Accuracy;
            scores["positives"] = c.Positives;
        }
        return scores;
    }

    /// <summary>Mean of a metric over targets, skipping targets where it is undefined (NaN if all are).</summary>
    public static double MeanOverTargets(IEnumerable<Dictionary<string, double>> perTarget, string metric)
    {
        var values = perTarget.Select(s => s.GetValueOrDefault(metric, double.NaN)).Where(v => !double.IsNaN(v)).ToList();
        return values.Count == 0 ? double.NaN : values.Average();
    }
}
