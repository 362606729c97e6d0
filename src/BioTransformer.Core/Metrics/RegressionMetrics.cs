using MathNet.Numerics.Statistics;

namespace BioTransformer.Core.Metrics;

/// <summary>Regression scores of one target on one split, in the target's units (R², r, ρ unitless).</summary>
public sealed record RegressionScores(int Count, double Rmse, double Mae, double R2, double Pearson, double Spearman);

/// <summary>
/// Standard regression metrics, as scikit-learn and MoleculeNet define them:
/// RMSE = sqrt(mean((ŷ−y)²)); MAE = mean|ŷ−y|; R² = 1 − SS_res/SS_tot with SS_tot about the mean of y
/// (can be negative); Pearson r; Spearman ρ on average ranks (ties share their mean rank).
/// Correlations of a constant vector are NaN.
/// </summary>
public static class RegressionMetrics
{
    public static RegressionScores Compute(IReadOnlyList<double> truth, IReadOnlyList<double> predicted)
    {
        if (truth.Count != predicted.Count) throw new ArgumentException($"{truth.Count} true values but {predicted.Count} predictions");
        int n = truth.Count;
        if (n == 0) return new RegressionScores(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

        double meanTruth = truth.Average();
        double sse = 0, sae = 0, sst = 0;
        for (int i = 0; i < n; i++)
        {
            double e = predicted[i] - truth[i];
            sse += e * e;
            sae += Math.Abs(e);
            double d = truth[i] - meanTruth;
            sst += d * d;
        }
        double r2 = sst == 0 ? double.NaN : 1 - sse / sst;
        return new RegressionScores(n, Math.Sqrt(sse / n), sae / n, r2, Pearson(truth, predicted), Spearman(truth, predicted));
    }

    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y) =>
        x.Count < 2 || IsConstant(x) || IsConstant(y) ? double.NaN : Correlation.Pearson(x, y);

    /// <summary>Pearson correlation of the average ranks (the tie-corrected Spearman ρ).</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y) =>
        x.Count < 2 || IsConstant(x) || IsConstant(y)
            ? double.NaN
            : Correlation.Pearson(Statistics.Ranks(x, RankDefinition.Average), Statistics.Ranks(y, RankDefinition.Average));

    private static bool IsConstant(IReadOnlyList<double> v)
    {
        for (int i = 1; i < v.Count; i++) if (v[i] != v[0]) return false;
        return true;
    }
}
