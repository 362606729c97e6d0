using BioTransformer.Core.Baselines;
using BioTransformer.Core.Data;
using BioTransformer.Core.Metrics;
using BioTransformer.Molecules.Chemistry;

namespace BioTransformer.Experiments.Property;

/// <summary>
/// The strong classical baseline: gradient-boosted trees on RDKit's 208 2D descriptors (the kind of model a
/// chemist tries first, and the descriptors chemprop adds as extra features), one model per target, fitted
/// on the training split only with fixed hyper-parameters. A descriptor that is not finite (an atom without
/// Gasteiger parameters, say) is replaced by its median over the training split.
/// </summary>
public static class DescriptorBaseline
{
    public static GradientBoostedTrees.Settings Settings { get; } = new();

    public static string Description => $"gradient-boosted trees (ML.NET FastTree) on RDKit's 208 2D descriptors ({Settings.Describe()})";

    /// <summary>The largest magnitude kept; beyond it (Ipc of large molecules reaches 1e33 and more) values are clipped, for single precision.</summary>
    private const double Largest = 1e30;

    /// <summary>Replaces each non-finite value by its column's median over <paramref name="trainRows"/> and clips to ±1e30.</summary>
    public static double[][] Impute(double[][] features, IReadOnlyList<int> trainRows)
    {
        int d = features.Length == 0 ? 0 : features[0].Length;
        var medians = Enumerable.Range(0, d).Select(j => SampleStatistics.FiniteMedian(trainRows.Select(i => features[i][j]))).ToArray();
        return [.. features.Select(row => row.Select((v, j) => double.IsFinite(v) ? Math.Clamp(v, -Largest, Largest) : medians[j]).ToArray())];
    }

    /// <summary>Predictions for every row (N, K), in user units (probabilities for classification).</summary>
    public static double[,] Fit(IReadOnlyList<Molecule> molecules, IReadOnlyList<double?[]> labels, SplitIndices split, bool regression, int seed)
    {
        var features = Impute(MoleculeFeatures.Compute(molecules, [MoleculeFeatureSet.Rdkit2d]), split.Train);
        int n = molecules.Count, k = labels.Count == 0 ? 0 : labels[0].Length;
        var predictions = new double[n, k];
        for (int j = 0; j < k; j++)
        {
            var trainRows = split.Train.Where(i => labels[i][j] is not null).ToList();
            var y = trainRows.Select(i => labels[i][j]!.Value).ToList();
            double[] predicted;
            if (trainRows.Count < 2 * Settings.MinimumLeafCount || (!regression && y.Distinct().Count() < 2))
            {
                // Too little to learn from: the training mean (or 0.5), like a model that saw no data.
                double constant = y.Count == 0 ? (regression ? 0 : 0.5) : y.Average();
                predicted = [.. Enumerable.Repeat(constant, n)];
            }
            else
            {
                var model = GradientBoostedTrees.Fit([.. trainRows.Select(i => features[i])], y, classification: !regression, Settings, seed);
                predicted = model.Predict(features);
            }
            for (int i = 0; i < n; i++) predictions[i, j] = predicted[i];
        }
        return predictions;
    }
}
