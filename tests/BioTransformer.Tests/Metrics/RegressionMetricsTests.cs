using BioTransformer.Core.Metrics;

namespace BioTransformer.Tests.Metrics;

/// <summary>Hand-computed values (checked against scikit-learn 1.2 and SciPy).</summary>
public class RegressionMetricsTests
{
    [Fact]
    public void Compute_OneErrorOfOne_GivesHandValues()
    {
        // errors 0,0,0,1: MSE 0.25; SS_tot about mean 2.5 is 5, so R² = 1 - 1/5.
        var s = RegressionMetrics.Compute([1, 2, 3, 4], [1, 2, 3, 5]);
        Assert.Equal(4, s.Count);
        Assert.Equal(0.5, s.Rmse, 12);
        Assert.Equal(0.25, s.Mae, 12);
        Assert.Equal(0.8, s.R2, 12);
    }

    [Fact]
    public void Pearson_OfShuffledRanks_IsPointEight()
    {
        Assert.Equal(0.8, RegressionMetrics.Pearson([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]), 12);
    }

    [Fact]
    public void Spearman_WithTies_UsesAverageRanks()
    {
        // ranks of x = 1, 2.5, 2.5, 4; SciPy spearmanr gives 0.9486832980505139.
        Assert.Equal(0.9486832980505139, RegressionMetrics.Spearman([1, 2, 2, 3], [1, 3, 2, 4]), 12);
    }

    [Fact]
    public void R2_OfWorseThanMeanPredictions_IsNegative()
    {
        Assert.True(RegressionMetrics.Compute([1, 2, 3], [3, 2, 1]).R2 < 0);
    }

    [Fact]
    public void Correlations_OfConstantInput_AreNaN()
    {
        var s = RegressionMetrics.Compute([1, 2, 3], [2, 2, 2]);
        Assert.True(double.IsNaN(s.Pearson));
        Assert.True(double.IsNaN(s.Spearman));
    }

    [Fact]
    public void Compute_Empty_IsAllNaN()
    {
        var s = RegressionMetrics.Compute([], []);
        Assert.Equal(0, s.Count);
        Assert.True(double.IsNaN(s.Rmse));
    }
}
