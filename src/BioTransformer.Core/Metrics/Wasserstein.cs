namespace BioTransformer.Core.Metrics;

/// <summary>Distances between one-dimensional samples.</summary>
public static class Wasserstein
{
    /// <summary>
    /// Wasserstein-1 (earth mover's) distance between the empirical distributions of two samples:
    /// the integral of |F_u(x) − F_v(x)| over x, as scipy.stats.wasserstein_distance computes it.
    /// NaN when either sample is empty.
    /// </summary>
    public static double Distance(IReadOnlyList<double> u, IReadOnlyList<double> v)
    {
        if (u.Count == 0 || v.Count == 0) return double.NaN;
        var a = u.Order().ToArray();
        var b = v.Order().ToArray();
        var all = a.Concat(b).Order().ToArray();
        double distance = 0;
        int i = 0, j = 0;
        for (int k = 0; k + 1 < all.Length; k++)
        {
            double x = all[k];
            while (i < a.Length && a[i] <= x) i++;
            while (j < b.Length && b[j] <= x) j++;
            distance += Math.Abs((double)i / a.Length - (double)j / b.Length) * (all[k + 1] - x);
        }
        return distance;
    }
}
