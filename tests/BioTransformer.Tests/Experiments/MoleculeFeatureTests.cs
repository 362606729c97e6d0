using BioTransformer.Experiments;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Property;
using BioTransformer.Experiments.Runs;
using BioTransformer.Modeling.Heads;

namespace BioTransformer.Tests.Experiments;

/// <summary>property.features: extra per-molecule features, scaled on the training split only and saved with the model.</summary>
public class MoleculeFeatureTests
{
    [Fact]
    public void Scaling_IsFittedOnTrainingRowsOnly()
    {
        double[][] raw = [[1, double.NaN], [3, 10], [5, 20], [1000, -5000], [double.PositiveInfinity, 7]];
        var scaling = FeatureScaling.Fit(["test"], ["a", "b"], raw, [0, 1, 2]);
        Assert.Equal(3, scaling.Means[0]);                 // the rows outside training (1000, ∞) do not count
        Assert.Equal(2, scaling.Stds[0]);
        Assert.Equal(15, scaling.Fill[1]);                  // median of the finite training values 10, 20
        Assert.Equal(15, scaling.Means[1]);                 // NaN filled with 15 before the mean
        var scaled = scaling.Apply(raw);
        Assert.Equal(-1f, scaled[0, 0]);
        Assert.Equal((float)FeatureScaling.Clip, scaled[3, 0]);   // far outside training: clipped
        Assert.Equal(0f, scaled[4, 0]);                     // ∞ becomes the training median, 3, which scales to 0
        Assert.Equal(0f, scaled[0, 1]);
    }

    [Fact]
    public void Rdkit2d_MoleculeWithoutGasteigerParameters_GetsFiniteScaledFeatures()
    {
        // Selenophene: RDKit has no Gasteiger parameters for Se, so its charge descriptors are NaN (as RDKit's).
        var molecules = new[] { "c1cc[se]c1", "CCO", "c1ccccc1O", "CC(=O)O" }.Select(s => Molecules.Smiles.Parse(s)).ToList();
        var raw = MoleculeFeatures.Compute(molecules, [MoleculeFeatureSet.Rdkit2d]);
        Assert.Contains(raw[0], double.IsNaN);
        var scaling = FeatureScaling.Fit(["rdkit2d"], MoleculeFeatures.Names([MoleculeFeatureSet.Rdkit2d]), raw, [1, 2, 3]);
        var scaled = scaling.Apply(raw);
        for (int i = 0; i < scaled.GetLength(0); i++)
            for (int j = 0; j < scaled.GetLength(1); j++)
                Assert.True(float.IsFinite(scaled[i, j]));
    }

    [Fact]
    public void Scaling_ConstantFeature_HasUnitSpread()
    {
        var scaling = FeatureScaling.Fit(["test"], ["c"], [[2.0], [2.0], [9.0]], [0, 1]);
        Assert.Equal(1, scaling.Stds[0]);
        Assert.Equal(0f, scaling.Apply([[2.0]])[0, 0]);
    }

    [Fact]
    public void Rdkit2dFeatures_ArePredictedAgainFromTheSavedModel()
    {
        var dir = Repo.TempDirectory();
        var run = ExperimentRunner.Run(ManifestLoader.Load(Repo.Fixture("tiny_esol_rdkit2d.toml"), [$"output.dir=\"{dir}\""]), SilentReporter.Instance);
        var (model, _) = PropertyPredictionTask.LoadModel(Path.Combine(run.Directory, "model"), TorchSharp.torch.CPU);
        using (model)
        {
            Assert.Equal(208, model.Config.FeatureCount);
            Assert.Equal(["rdkit2d"], model.Config.Features!.Sets);
        }
        var output = Path.Combine(dir, "predicted.csv");
        PropertyPrediction.Run(run.Directory, new PredictionInput(Repo.Fixture("tiny_esol.csv")), output, "cpu", 16, SilentReporter.Instance);
        // predictions_test.csv: line, smiles, label, prediction; predict's output: line, the input's columns, prediction, unknown_tokens, error.
        var fromRun = Read(Path.Combine(run.Directory, "predictions_test.csv"), fromEnd: 1);
        var again = Read(output, fromEnd: 3);
        Assert.NotEmpty(fromRun);
        foreach (var (line, value) in fromRun) Assert.Equal(value, again[line], 5);
    }

    [Fact]
    public void Features_OnProteins_AreAOneLineManifestError()
    {
        var error = Assert.Throws<Core.InputException>(() => ManifestLoader.Load(Repo.Fixture("tiny_esol_rdkit2d.toml"), ["data.domain=\"protein\""]));
        Assert.Contains("property.features", error.Message);
    }

    /// <summary>Prediction by line number, from the field <paramref name="fromEnd"/> places from the end (input fields may hold quoted commas).</summary>
    private static Dictionary<string, double> Read(string path, int fromEnd) =>
        File.ReadAllLines(path).Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => f[0], f => double.Parse(f[^fromEnd], System.Globalization.CultureInfo.InvariantCulture));
}
