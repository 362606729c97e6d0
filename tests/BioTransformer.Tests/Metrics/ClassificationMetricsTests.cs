using BioTransformer.Core.Metrics;

namespace BioTransformer.Tests.Metrics;

/// <summary>Expected values from scikit-learn 1.2: roc_auc_score, average_precision_score and auc(recall, precision).</summary>
public class ClassificationMetricsTests
{
    private static readonly double[] Labels = [0, 0, 1, 1];
    private static readonly double[] Scores = [0.1, 0.4, 0.35, 0.8];

    [Fact]
    public void RocAuc_OfTextbookExample_IsThreeQuarters()
    {
        Assert.Equal(0.75, ClassificationMetrics.RocAuc(Labels, Scores), 12);
    }

    [Fact]
    public void AveragePrecision_OfTextbookExample_MatchesScikitLearn()
    {
        Assert.Equal(0.8333333333333333, ClassificationMetrics.AveragePrecision(Labels, Scores), 12);
    }

    [Fact]
    public void PrAuc_OfTextbookExample_MatchesChempropDefinition()
    {
        Assert.Equal(0.7916666666666666, ClassificationMetrics.PrAuc(Labels, Scores), 12);
    }

    [Fact]
    public void Metrics_WithTiedScores_MatchScikitLearn()
    {
        double[] labels = [1, 0, 1, 1, 0, 1, 0, 0, 1, 1];
        double[] scores = [0.9, 0.8, 0.8, 0.7, 0.6, 0.55, 0.55, 0.3, 0.3, 0.1];
        Assert.Equal(0.5208333333333334, ClassificationMetrics.RocAuc(labels, scores), 12);
        Assert.Equal(0.6906084656084656, ClassificationMetrics.AveragePrecision(labels, scores), 12);
        Assert.Equal(0.7114417989417988, ClassificationMetrics.PrAuc(labels, scores), 12);
    }

    [Fact]
    public void RocAuc_AllScoresTied_IsOneHalf()
    {
        Assert.Equal(0.5, ClassificationMetrics.RocAuc([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3]), 12);
    }

    [Fact]
    public void Metrics_WithOneClass_AreNaN()
    {
        var s = ClassificationMetrics.Compute([1, 1, 1], [0.2, 0.5, 0.9]);
        Assert.True(double.IsNaN(s.RocAuc));
        Assert.True(double.IsNaN(s.PrAuc));
        Assert.Equal(2.0 / 3, s.Accuracy, 12);
    }

    [Fact]
    public void Accuracy_ThresholdsProbabilityAtOneHalf()
    {
        // only 0.8 reaches 0.5: predictions 0,0,0,1 against labels 0,0,1,1.
        Assert.Equal(0.75, ClassificationMetrics.Compute(Labels, Scores).Accuracy, 12);
    }

    [Fact]
    public void RocCurve_RunsFromOriginToOne()
    {
        var curve = ClassificationMetrics.RocCurve(Labels, Scores);
        Assert.Equal(new CurvePoint(0, 0), curve[0]);
        Assert.Equal(new CurvePoint(1, 1), curve[^1]);
        Assert.Equal([0, 0, 0.5, 0.5, 1], curve.Select(p => p.X));
        Assert.Equal([0, 0.5, 0.5, 1, 1], curve.Select(p => p.Y));
    }

    [Fact]
    public void Compute_LabelNotBinary_Throws()
    {
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.RocAuc([0, 2], [0.1, 0.2]));
    }
}
