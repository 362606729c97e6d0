using BioTransformer.Experiments.Manifests;

namespace BioTransformer.Tests.Manifests;

public class ManifestWriterTests
{
    [Fact]
    public void Write_ThenLoad_GivesTheSameManifest_FromAnotherFolder()
    {
        var original = ManifestLoader.Load(Repo.Path("experiments", "esol.toml"), ["train.learning_rate=3e-4", "seed=5"]);
        var folder = Repo.TempDirectory();
        var path = Path.Combine(folder, "manifest.toml");
        File.WriteAllText(path, ManifestWriter.Write(original, folder, "header line\n\nsecond"));
        var reloaded = ManifestLoader.Load(path);

        Assert.Equal(ManifestWriter.Write(original, folder), ManifestWriter.Write(reloaded, folder));
        Assert.Equal(original.Data.Path, reloaded.Data.Path);
        Assert.Equal(original.Output.Dir, reloaded.Output.Dir);
        Assert.Equal(3e-4, reloaded.Train.LearningRate);
        Assert.Equal(5, reloaded.Seed);
    }

    [Fact]
    public void Write_IncludesEveryKeyWithItsDoc()
    {
        var text = ManifestWriter.Write(ManifestLoader.Load(Repo.Path("experiments", "esol.toml")), Repo.Root);
        Assert.Contains("# peak AdamW learning rate (above about 1e-2 training usually diverges: the run then stops with an error)\nlearning_rate = 0.001\n", text);
        Assert.Contains("path = \"datasets/esol/esol.csv\"", text);
        Assert.Contains("[property]\n", text);
        Assert.Contains("metric = \"rmse\"", text);
    }
}
