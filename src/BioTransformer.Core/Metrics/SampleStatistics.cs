namespace BioTransformer.Core.Metrics;

/// <summary>
/// Mean and standard deviation, computed one way everywhere (two passes: the mean, then the squared
/// deviations from it), so a statistic reported in two places is the same number.
/// </summary>
public static class SampleStatistics
{
    /// <summary>
    /// Mean and standard deviation of <paramref name="values"/>: the sample sd (n − 1, NaN below two values)
    /// or, with <paramref name="population"/>, the population sd (n). NaN mean for no values.
    /// </summary>
    public static (double Mean, double Sd) MeanSd(IReadOnlyCollection<double> values, bool population = false)
    {
        if (values.Count == 0) return (double.NaN, double.NaN);
        double mean = values.Average();
        int n = population ? values.Count : values.Count - 1;
        double sd = n < 1 ? double.NaN : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / n);
        return (mean, sd);
    }

    /// <summary>Median of the finite values (mean of the middle two for an even count); <paramref name="empty"/> when there are none.</summary>
    public static double FiniteMedian(IEnumerable<double> values, double empty = 0)
    {
        var finite = values.Where(double.IsFinite).Order().ToList();
        if (finite.Count == 0) return empty;
        int m = finite.Count / 2;
        return finite.Count % 2 == 1 ? finite[m] : (finite[m - 1] + finite[m]) / 2;
    }

    /// <summary>
    /// The statistics that standardise a training target: mean and population sd, with sd 1 when the values
    /// are constant (nothing to scale) and mean 0, sd 1 when there are none.
    /// </summary>
    public static (double Mean, double Scale) Standardisation(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return (0, 1);
        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / values.Count;
        return (mean, variance > 0 ? Math.Sqrt(variance) : 1);
    }
}
