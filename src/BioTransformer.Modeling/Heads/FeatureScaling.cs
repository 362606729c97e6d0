using BioTransformer.Core.Metrics;

namespace BioTransformer.Modeling.Heads;

/// <summary>
/// How a property model's extra per-molecule features (descriptors beside the sequence) are brought to model
/// scale, fitted on the training split only and saved with the model so prediction repeats it exactly: a
/// value that is not finite becomes the training median, then (x − mean) / sd, clipped to ±<see cref="Clip"/>
/// so a heavy-tailed descriptor (Ipc reaches 1e30) cannot swamp the head.
/// </summary>
/// <param name="Sets">The feature sets, in order (e.g. "rdkit2d").</param>
/// <param name="Names">One name per feature.</param>
/// <param name="Fill">Training median per feature, for non-finite values.</param>
/// <param name="Means">Training mean per feature (after filling).</param>
/// <param name="Stds">Training standard deviation per feature (1 where constant).</param>
public sealed record FeatureScaling(IReadOnlyList<string> Sets, IReadOnlyList<string> Names, IReadOnlyList<double> Fill,
    IReadOnlyList<double> Means, IReadOnlyList<double> Stds)
{
    public const double Clip = 6;

    public int Count => Names.Count;

    /// <summary>Fits the scaling on <paramref name="trainRows"/> of <paramref name="raw"/> (rows × features).</summary>
    public static FeatureScaling Fit(IReadOnlyList<string> sets, IReadOnlyList<string> names, IReadOnlyList<double[]> raw, IReadOnlyList<int> trainRows)
    {
        int d = names.Count;
        var fill = new double[d];
        var means = new double[d];
        var stds = new double[d];
        for (int j = 0; j < d; j++)
        {
            fill[j] = SampleStatistics.FiniteMedian(trainRows.Select(i => raw[i][j]));
            var filled = trainRows.Select(i => double.IsFinite(raw[i][j]) ? raw[i][j] : fill[j]).ToList();
            var (mean, sd) = SampleStatistics.MeanSd(filled);
            means[j] = filled.Count == 0 ? 0 : mean;
            stds[j] = sd > 1e-12 && double.IsFinite(sd) ? sd : 1;
        }
        return new FeatureScaling(sets, names, fill, means, stds);
    }

    /// <summary>Scaled features of every row (rows × features).</summary>
    public float[,] Apply(IReadOnlyList<double[]> raw)
    {
        var scaled = new float[raw.Count, Count];
        for (int i = 0; i < raw.Count; i++)
        {
            if (raw[i].Length != Count) throw new ArgumentException($"row {i} has {raw[i].Length} features, the model {Count}");
            for (int j = 0; j < Count; j++)
            {
                double v = double.IsFinite(raw[i][j]) ? raw[i][j] : Fill[j];
                double z = (v - Means[j]) / Stds[j];
                scaled[i, j] = (float)(double.IsFinite(z) ? Math.Clamp(z, -Clip, Clip) : 0);
            }
        }
        return scaled;
    }
}
