using BioTransformer.Core.Metrics;
using BioTransformer.Molecules;
using BioTransformer.Molecules.Fingerprints;
using BioTransformer.Molecules.Generation;

namespace BioTransformer.Tests.Metrics;

/// <summary>MOSES's metric definitions on small sets with hand-computed values.</summary>
public class GenerationMetricsTests
{
    [Fact]
    public void Wasserstein_MatchesScipy()
    {
        // scipy.stats.wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5; ([0, 1], [0, 1]) = 0; ([0], [1, 2]) = 1.5
        Assert.Equal(5.0, Wasserstein.Distance([0, 1, 3], [5, 6, 8]), 12);
        Assert.Equal(0.0, Wasserstein.Distance([0, 1], [1, 0]), 12);
        Assert.Equal(1.5, Wasserstein.Distance([0], [1, 2]), 12);
        // scipy.stats.wasserstein_distance([1, 2, 3], [1, 1, 4, 4]) = 0.8333...
        Assert.Equal(5.0 / 6.0, Wasserstein.Distance([1, 2, 3], [1, 1, 4, 4]), 12);
        Assert.True(double.IsNaN(Wasserstein.Distance([], [1])));
    }

    [Fact]
    public void UniqueAt_CountsTheFirstKValid()
    {
        string[] canonical = ["C", "CC", "C", "CCC", "CC"];
        Assert.Equal(2.0 / 3.0, GenerationMetrics.UniqueAt(canonical, 3), 12);
        Assert.Equal(3.0 / 5.0, GenerationMetrics.UniqueAt(canonical, 1000), 12);   // fewer than k: all of them
    }

    [Fact]
    public void IntDiv_TwoMolecules_HandComputed()
    {
        var a = Smiles.Parse("CC(=O)Oc1ccccc1C(=O)O");
        var b = Smiles.Parse("CCCCCC");
        double t = MorganFingerprint.Bits(a, 2, 1024).Tanimoto(MorganFingerprint.Bits(b, 2, 1024));
        var fps = PackedFingerprints.Morgan([a, b]);
        // Each molecule: mean over {itself (1), the other (t)}; IntDiv1 = 1 − (1 + t)/2.
        Assert.Equal(1 - (1 + t) / 2, GenerationMetrics.InternalDiversity(fps, 1), 12);
        // IntDiv2 = 1 − sqrt((1 + t²)/2).
        Assert.Equal(1 - Math.Sqrt((1 + t * t) / 2), GenerationMetrics.InternalDiversity(fps, 2), 12);
        Assert.Equal(0.0, GenerationMetrics.InternalDiversity(PackedFingerprints.Morgan([a, a]), 1), 12);
    }

    [Fact]
    public void Snn_IsTheMeanOfNearestNeighbourSimilarities()
    {
        var generated = new[] { "c1ccccc1O", "CCCCO" }.Select(Smiles.Parse).ToList();
        var reference = new[] { "c1ccccc1O", "CCCCCO", "N#N" }.Select(Smiles.Parse).ToList();
        double best2 = reference.Max(r => MorganFingerprint.Bits(generated[1], 2, 1024).Tanimoto(MorganFingerprint.Bits(r, 2, 1024)));
        Assert.Equal((1.0 + best2) / 2, GenerationMetrics.NearestNeighbourSimilarity(PackedFingerprints.Morgan(generated), PackedFingerprints.Morgan(reference)), 12);
    }

    [Fact]
    public void Scaf_CosineOfScaffoldCounts_TwoRingScaffoldsOnly()
    {
        // Naphthalene scaffolds twice and an indole once vs indole once: vectors (2, 1) and (0, 1): cos = 1/sqrt(5).
        var generated = new[] { "Cc1ccc2ccccc2c1", "Oc1ccc2ccccc2c1", "Cc1cc2ccccc2[nH]1", "Cc1ccccc1" }.Select(Smiles.Parse).ToList();
        var reference = new[] { "c1ccc2[nH]ccc2c1" }.Select(Smiles.Parse).ToList();
        Assert.Equal(1 / Math.Sqrt(5), GenerationMetrics.ScaffoldSimilarity(generated, reference), 12);
    }

    [Fact]
    public void Compute_ValidityNoveltyAndCounts()
    {
        string[] generated = ["CCO", "CCO", "c1ccccc1", "C1CC", "", "OCC"];
        var training = new HashSet<string> { Smiles.Canonical("CCO") };
        var reference = new[] { "CCN", "c1ccccc1C" }.Select(Smiles.Parse).ToList();
        var trainingProperties = new[] { "CCO", "CCCO" }.Select(s => GenerationMetrics.Properties(Smiles.Parse(s))).ToList();
        var report = GenerationMetrics.Compute(generated, training, reference, trainingProperties);
        Assert.Equal(6, report.Samples);
        Assert.Equal(4, report.Valid);                            // CCO, CCO, benzene, OCC
        Assert.Equal(4.0 / 6.0, report.Validity, 12);
        Assert.Equal(2.0 / 4.0, report.Unique1k, 12);             // {CCO, benzene} among 4 valid
        Assert.Equal(1.0 / 2.0, report.Novelty, 12);              // benzene is new, ethanol is not
        Assert.All(GenerationMetrics.PropertyNames, p => Assert.True(report.PropertyDistances[p] >= 0));
    }
}
