using BioTransformer.Core.Baselines;
using BioTransformer.Core.Data;
using BioTransformer.Molecules.Chemistry;
using BioTransformer.Molecules.Fingerprints;

namespace BioTransformer.Experiments.Property;

/// <summary>
/// The classical baseline every transformer figure stands beside: ridge regression (or L2 logistic
/// regression for classification) on ECFP4 count vectors (Morgan radius 2 folded to 2,048 features),
/// one model per target, fitted on the training split only. The regularisation strength is chosen per
/// target on the validation split by the run's selection metric from a fixed grid; the test split is
/// never looked at until the end.
/// </summary>
public static class FingerprintBaseline
{
    public const int Radius = 2;
    public const int Dimension = 2048;
    public static IReadOnlyList<double> AlphaGrid { get; } = [0.1, 1, 10, 100, 1000];
    public const double FallbackAlpha = 10;

    public static string Description => $"ridge / L2-logistic regression on ECFP4 counts (radius {Radius}, {Dimension} features)";

    /// <summary>The fitted baseline's predictions for every row (N, K), in user units, and the alpha chosen per target.</summary>
    public sealed record Result(double[,] Predictions, IReadOnlyList<double> Alphas);

    public static SparseVector Featurize(Molecule molecule)
    {
        var counts = MorganFingerprint.FoldedCounts(molecule, Radius, Dimension);
        var indices = new List<int>();
        var values = new List<double>();
        for (int j = 0; j < counts.Length; j++)
            if (counts[j] != 0)
            {
                indices.Add(j);
                values.Add(counts[j]);
            }
        return new SparseVector([.. indices], [.. values]);
    }

    public static Result Fit(IReadOnlyList<Molecule> molecules, IReadOnlyList<double?[]> labels, SplitIndices split, bool regression, string metric)
    {
        var features = molecules.Select(Featurize).ToList();
        int n = molecules.Count, k = labels.Count == 0 ? 0 : labels[0].Length;
        var predictions = new double[n, k];
        var alphas = new double[k];
        bool higherIsBetter = PropertyScores.HigherIsBetter(metric);
        for (int j = 0; j < k; j++)
        {
            var trainRows = split.Train.Where(i => labels[i][j] is not null).ToList();
            if (trainRows.Count == 0 || (!regression && trainRows.Select(i => labels[i][j]).Distinct().Count() < 2))
            {
                // Nothing to learn from: predict the training mean (or 0.5), like a model that saw no data.
                double constant = trainRows.Count == 0 ? (regression ? 0 : 0.5) : trainRows.Average(i => labels[i][j]!.Value);
                for (int i = 0; i < n; i++) predictions[i, j] = constant;
                alphas[j] = double.NaN;
                continue;
            }
            var x = trainRows.Select(i => features[i]).ToList();
            var y = trainRows.Select(i => labels[i][j]!.Value).ToList();

            LinearModel? best = null;
            double bestScore = double.NaN;
            foreach (var alpha in AlphaGrid)
            {
                var model = regression ? LinearModel.FitRidge(x, y, Dimension, alpha) : LinearModel.FitLogistic(x, y, Dimension, alpha);
                double score = PropertyScores.ForTarget(regression, split.Valid.Select(i => labels[i][j]).ToList(),
                    split.Valid.Select(i => model.Predict(features[i])).ToList()).GetValueOrDefault(metric, double.NaN);
                bool better = best is null || (!double.IsNaN(score) && (double.IsNaN(bestScore) || (higherIsBetter ? score > bestScore : score < bestScore)));
                if (better)
                {
                    best = model;
                    bestScore = score;
                }
            }
            // No usable validation labels: fall back to a moderate, fixed strength.
            if (double.IsNaN(bestScore)) best = regression ? LinearModel.FitRidge(x, y, Dimension, FallbackAlpha) : LinearModel.FitLogistic(x, y, Dimension, FallbackAlpha);
            alphas[j] = best!.Alpha;
            for (int i = 0; i < n; i++) predictions[i, j] = best.Predict(features[i]);
        }
        return new Result(predictions, alphas);
    }
}
