namespace BioTransformer.Core.Metrics;

/// <summary>
/// Binary classification scores of one target on one split. ROC-AUC and both PR summaries are NaN when
/// the split holds only one class.
/// </summary>
/// <param name="PrAuc">Trapezoidal area under the precision-recall curve (chemprop's "prc-auc").</param>
/// <param name="AveragePrecision">Step-wise area, Σ (Rₙ − Rₙ₋₁) Pₙ (scikit-learn's average_precision_score).</param>
/// <param name="Accuracy">Fraction correct with the decision threshold 0.5 on the probability.</param>
public sealed record ClassificationScores(int Count, int Positives, double RocAuc, double PrAuc, double AveragePrecision, double Accuracy);

/// <summary>One point of a ROC or precision-recall curve.</summary>
public readonly record struct CurvePoint(double X, double Y);

/// <summary>
/// Binary classification metrics with scikit-learn's definitions. Labels are 0 or 1; scores are
/// probabilities (any monotone score works for the AUCs; accuracy thresholds at 0.5). Tied scores
/// are one threshold, so the ROC-AUC equals the Mann-Whitney U statistic with ties counted as ½.
/// </summary>
public static class ClassificationMetrics
{
    public static ClassificationScores Compute(IReadOnlyList<double> labels, IReadOnlyList<double> scores)
    {
        if (labels.Count != scores.Count) throw new ArgumentException($"{labels.Count} labels but {scores.Count} scores");
        int positives = labels.Count(l => l == 1);
        int correct = 0;
        for (int i = 0; i < labels.Count; i++)
            if ((scores[i] >= 0.5 ? 1 : 0) == (int)labels[i]) correct++;
        double accuracy = labels.Count == 0 ? double.NaN : (double)correct / labels.Count;
        return new ClassificationScores(labels.Count, positives, RocAuc(labels, scores), PrAuc(labels, scores),
            AveragePrecision(labels, scores), accuracy);
    }

    /// <summary>Area under the ROC curve (trapezoidal over the distinct thresholds).</summary>
    public static double RocAuc(IReadOnlyList<double> labels, IReadOnlyList<double> scores) => Area(RocCurve(labels, scores));

    /// <summary>
    /// ROC curve from (0,0) to (1,1): X = false-positive rate, Y = true-positive rate, one point per
    /// distinct score, thresholds descending. Empty when either class is absent.
    /// </summary>
    public static IReadOnlyList<CurvePoint> RocCurve(IReadOnlyList<double> labels, IReadOnlyList<double> scores)
    {
        var (tps, fps) = CumulativeCounts(labels, scores);
        if (tps.Count == 0) return [];
        double p = tps[^1], n = fps[^1];
        if (p == 0 || n == 0) return [];
        var curve = new List<CurvePoint>(tps.Count + 1) { new(0, 0) };
        for (int i = 0; i < tps.Count; i++) curve.Add(new CurvePoint(fps[i] / n, tps[i] / p));
        return curve;
    }

    /// <summary>
    /// Precision-recall curve: X = recall, Y = precision, one point per distinct score with recall
    /// increasing, starting at (0, 1) as scikit-learn does. Empty when there are no positives or no negatives.
    /// </summary>
    public static IReadOnlyList<CurvePoint> PrecisionRecallCurve(IReadOnlyList<double> labels, IReadOnlyList<double> scores)
    {
        var (tps, fps) = CumulativeCounts(labels, scores);
        if (tps.Count == 0 || tps[^1] == 0 || fps[^1] == 0) return [];
        double p = tps[^1];
        var curve = new List<CurvePoint>(tps.Count + 1) { new(0, 1) };
        for (int i = 0; i < tps.Count; i++)
        {
            double recall = tps[i] / p;
            double precision = tps[i] / (tps[i] + fps[i]);
            curve.Add(new CurvePoint(recall, precision));
            if (tps[i] == p) break; // scikit-learn stops at full recall
        }
        return curve;
    }

    /// <summary>Trapezoidal area under the precision-recall curve (chemprop's prc-auc).</summary>
    public static double PrAuc(IReadOnlyList<double> labels, IReadOnlyList<double> scores) =>
        Area(PrecisionRecallCurve(labels, scores));

    /// <summary>Average precision, Σ (Rₙ − Rₙ₋₁) Pₙ, as scikit-learn's average_precision_score.</summary>
    public static double AveragePrecision(IReadOnlyList<double> labels, IReadOnlyList<double> scores)
    {
        var curve = PrecisionRecallCurve(labels, scores);
        if (curve.Count == 0) return double.NaN;
        double ap = 0;
        for (int i = 1; i < curve.Count; i++) ap += (curve[i].X - curve[i - 1].X) * curve[i].Y;
        return ap;
    }

    /// <summary>Trapezoidal area under a curve whose X does not decrease; NaN for an empty curve.</summary>
    public static double Area(IReadOnlyList<CurvePoint> curve)
    {
        if (curve.Count == 0) return double.NaN;
        double area = 0;
        for (int i = 1; i < curve.Count; i++)
            area += (curve[i].X - curve[i - 1].X) * (curve[i].Y + curve[i - 1].Y) / 2;
        return area;
    }

    /// <summary>
    /// True- and false-positive counts at each distinct score, scores descending (the last entry holds
    /// the totals of positives and negatives).
    /// </summary>
    private static (List<double> Tps, List<double> Fps) CumulativeCounts(IReadOnlyList<double> labels, IReadOnlyList<double> scores)
    {
        if (labels.Count != scores.Count) throw new ArgumentException($"{labels.Count} labels but {scores.Count} scores");
        var order = Enumerable.Range(0, labels.Count).OrderByDescending(i => scores[i]).ToArray();
        var tps = new List<double>();
        var fps = new List<double>();
        double tp = 0, fp = 0;
        for (int k = 0; k < order.Length; k++)
        {
            int i = order[k];
            if (labels[i] == 1) tp++;
            else if (labels[i] == 0) fp++;
            else throw new ArgumentException($"label {labels[i]} is not 0 or 1");
            bool lastOfTie = k == order.Length - 1 || scores[order[k + 1]] != scores[i];
            if (lastOfTie) { tps.Add(tp); fps.Add(fp); }
        }
        return (tps, fps);
    }
}
