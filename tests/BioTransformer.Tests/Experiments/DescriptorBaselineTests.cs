using BioTransformer.Core.Baselines;
using BioTransformer.Core.Data;
using BioTransformer.Experiments.Property;
using BioTransformer.Molecules;
using BioTransformer.Molecules.Chemistry;

namespace BioTransformer.Tests.Experiments;

/// <summary>The gradient-boosted-trees baseline on RDKit's 2D descriptors, on the shipped ESOL and BBBP sets.</summary>
public class DescriptorBaselineTests
{
    private static (List<Molecule> Molecules, List<double?[]> Labels) Read(string file, string smilesColumn, string labelColumn, int take)
    {
        var lines = File.ReadAllLines(Repo.Path("datasets", file));
        var header = lines[0].Split(',');
        int s = Array.IndexOf(header, smilesColumn), y = Array.IndexOf(header, labelColumn);
        var molecules = new List<Molecule>();
        var labels = new List<double?[]>();
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            if (f.Length != header.Length || !Smiles.TryParse(f[s].Trim(), out var molecule, out _)) continue;
            molecules.Add(molecule!);
            labels.Add([double.Parse(f[y], System.Globalization.CultureInfo.InvariantCulture)]);
            if (molecules.Count == take) break;
        }
        return (molecules, labels);
    }

    private static double Rmse(IEnumerable<int> rows, double[,] predicted, List<double?[]> labels) =>
        Math.Sqrt(rows.Average(i => Math.Pow(predicted[i, 0] - labels[i][0]!.Value, 2)));

    [Fact]
    public void Esol_TreesOnDescriptors_BeatTheMeanByFar_AndRepeatExactly()
    {
        var (molecules, labels) = Read("esol/esol.csv", "smiles", "measured log solubility in mols per litre", int.MaxValue);
        var split = new RandomSplitter().Split([.. molecules.Select((_, i) => i.ToString())], new SplitFractions(0.8, 0.1, 0.1), 0);
        var first = DescriptorBaseline.Fit(molecules, labels, split, regression: true, seed: 0);
        var second = DescriptorBaseline.Fit(molecules, labels, split, regression: true, seed: 0);
        Assert.Equal(first, second);
        double mean = split.Train.Average(i => labels[i][0]!.Value);
        double constant = Math.Sqrt(split.Test.Average(i => Math.Pow(mean - labels[i][0]!.Value, 2)));
        double trees = Rmse(split.Test, first, labels);
        // ESOL's test RMSE for descriptor forests is about 0.6-0.7 log units; predicting the mean gives about 2.
        Assert.True(trees < 0.8 && trees < constant / 2, $"trees {trees:F3}, mean predictor {constant:F3}");
    }

    [Fact]
    public void Bbbp_Classification_GivesProbabilities()
    {
        var (molecules, labels) = Read("bbbp/bbbp.csv", "smiles", "BBBP", 600);
        var split = new RandomSplitter().Split([.. molecules.Select((_, i) => i.ToString())], new SplitFractions(0.8, 0.1, 0.1), 0);
        var predicted = DescriptorBaseline.Fit(molecules, labels, split, regression: false, seed: 0);
        for (int i = 0; i < molecules.Count; i++) Assert.InRange(predicted[i, 0], 0, 1);
        var auc = Core.Metrics.ClassificationMetrics.RocAuc([.. split.Test.Select(i => labels[i][0]!.Value)], [.. split.Test.Select(i => predicted[i, 0])]);
        Assert.True(auc > 0.7, $"ROC-AUC {auc:F3}");
    }

    [Fact]
    public void Impute_UsesTrainingMediansOnly()
    {
        double[][] features = [[1, double.NaN], [3, 10], [5, 20], [double.PositiveInfinity, 1000], [7, double.NaN]];
        var imputed = DescriptorBaseline.Impute(features, [0, 1, 2]);
        Assert.Equal(3, imputed[3][0]);     // median of 1, 3, 5 (row 3 is not training)
        Assert.Equal(15, imputed[0][1]);    // median of 10, 20: the test row's 1000 is not used
        Assert.Equal(15, imputed[4][1]);
        Assert.Equal(7, imputed[4][0]);
    }

    [Fact]
    public void Trees_FitANonlinearFunction()
    {
        var random = new Random(1);
        var x = Enumerable.Range(0, 400).Select(_ => new[] { random.NextDouble() * 4 - 2, random.NextDouble() }).ToList();
        var y = x.Select(v => v[0] * v[0]).ToList();
        var model = GradientBoostedTrees.Fit(x, y, classification: false, new GradientBoostedTrees.Settings(), seed: 0);
        var predicted = model.Predict(x);
        double rmse = Math.Sqrt(x.Select((_, i) => Math.Pow(predicted[i] - y[i], 2)).Average());
        Assert.True(rmse < 0.1, $"RMSE {rmse:F3} on y = x²");
    }
}
