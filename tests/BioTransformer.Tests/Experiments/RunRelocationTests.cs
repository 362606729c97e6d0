using BioTransformer.Core;
using BioTransformer.Experiments;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Runs;

namespace BioTransformer.Tests.Experiments;

/// <summary>A run directory copied or moved elsewhere: its resolved manifest still finds its data, or says plainly what moved.</summary>
public class RunRelocationTests
{
    /// <summary>A tiny run on a private copy of the data, so the test can move and change it.</summary>
    private static (string Run, string Data) TinyRun()
    {
        var dir = Repo.TempDirectory();
        var data = Path.Combine(dir, "data", "esol.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(data)!);
        File.Copy(Repo.Fixture("tiny_esol.csv"), data);
        var manifest = Path.Combine(dir, "m.toml");
        File.WriteAllText(manifest, File.ReadAllText(Repo.Fixture("tiny_esol.toml")).Replace("path = \"tiny_esol.csv\"", "path = \"data/esol.csv\""));
        var result = ExperimentRunner.Run(ManifestLoader.Load(manifest, ["train.epochs=1", $"output.dir=\"{Path.Combine(dir, "runs")}\""]), SilentReporter.Instance);
        return (result.Directory, data);
    }

    private static string CopyElsewhere(string run)
    {
        var copy = Path.Combine(Repo.TempDirectory(), "deeper", "moved-run");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(run)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        return copy;
    }

    [Fact]
    public void CopiedRunDirectory_ItsManifestFindsTheRecordedData()
    {
        var (run, data) = TinyRun();
        var copy = CopyElsewhere(run);
        var manifest = ManifestLoader.Load(Path.Combine(copy, ExperimentRunner.ManifestFile));
        Assert.Equal(Path.GetFullPath(data), manifest.Data.Path);
    }

    [Fact]
    public void CopiedRunDirectory_DataGone_IsAnInputMovedErrorSayingWhatToPass()
    {
        var (run, data) = TinyRun();
        var copy = CopyElsewhere(run);
        File.Delete(data);
        var error = Assert.Throws<InputException>(() => ManifestLoader.Load(Path.Combine(copy, ExperimentRunner.ManifestFile)));
        Assert.Contains("input moved: data.path resolves to", error.Message);
        Assert.Contains("is gone too", error.Message);
        Assert.Contains("pass --set data.path=", error.Message);
        // The user's explicit choice is taken as given.
        var chosen = ManifestLoader.Load(Path.Combine(copy, ExperimentRunner.ManifestFile), [$"data.path=\"{Repo.Fixture("tiny_esol.csv")}\""]);
        Assert.Equal(Repo.Fixture("tiny_esol.csv"), chosen.Data.Path);
    }

    [Fact]
    public void RelativePathReachingOtherData_IsAnErrorNotASilentlyDifferentRun()
    {
        var (run, data) = TinyRun();
        File.AppendAllText(data, "extra,row,,,,,,,-1.0,CCCC\n");   // same path, other content
        var error = Assert.Throws<InputException>(() => ManifestLoader.Load(Path.Combine(run, ExperimentRunner.ManifestFile)));
        Assert.Contains("whose content differs from the data this run read", error.Message);
    }
}
