using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Experiments;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Runs;

namespace BioTransformer.Tests.Experiments;

/// <summary>
/// Same manifest, same seed, same machine: same numbers — for every task. Each tiny run is trained twice
/// in this process; metrics.json (which holds no wall-clock time) and the per-example outputs must be
/// byte-identical and every number finite. scripts/test.sh runs this class again under
/// ATEN_CPU_CAPABILITY=default and =avx2, because another CPU of the same kind can pick other kernels.
/// </summary>
public class TinyRunDeterminismTests
{
    public static TheoryData<string, string> TinyRuns => new()
    {
        { "tiny_esol.toml", "predictions_test.csv" },
        { "tiny_esol_rdkit2d.toml", "predictions_test.csv" },
        { "tiny_bbbp.toml", "predictions_test.csv" },
        { "tiny_generation.toml", "generated.csv" },
        { "tiny_mlm_protein.toml", "metrics_epochs.csv" },
        { "tiny_contacts.toml", "contacts_per_protein.csv" },
        { "tiny_translation.toml", "predictions_test.csv" },
    };

    [Theory]
    [MemberData(nameof(TinyRuns))]
    public void TinyRun_TrainedTwice_GivesIdenticalFiniteResults(string fixture, string outputs)
    {
        var dir = Repo.TempDirectory();
        var first = ExperimentRunner.Run(ManifestLoader.Load(Repo.Fixture(fixture), [$"output.dir=\"{dir}\""]), SilentReporter.Instance);
        var second = ExperimentRunner.Run(ManifestLoader.Load(Repo.Fixture(fixture), [$"output.dir=\"{dir}\""]), SilentReporter.Instance);

        var metrics = File.ReadAllText(Path.Combine(first.Directory, ExperimentRunner.MetricsFile));
        Assert.Equal(metrics, File.ReadAllText(Path.Combine(second.Directory, ExperimentRunner.MetricsFile)));
        Assert.Equal(EpochLosses(first.Directory), EpochLosses(second.Directory));
        if (outputs != RunRecords.EpochMetricsFile)
            Assert.Equal(File.ReadAllText(Path.Combine(first.Directory, outputs)), File.ReadAllText(Path.Combine(second.Directory, outputs)));

        Assert.DoesNotContain("NaN", metrics);
        Assert.DoesNotContain("Infinity", metrics);
        Assert.All(EpochLosses(first.Directory), loss => Assert.True(double.IsFinite(loss), $"epoch loss {loss}"));
    }

    [Fact]
    public void Run_HugeLearningRate_StopsWithOneLineErrorAndSavesNothingFromIt()
    {
        var dir = Repo.TempDirectory();
        var manifest = ManifestLoader.Load(Repo.Fixture("tiny_esol.toml"), [$"output.dir=\"{dir}\"", "train.learning_rate=1e6", "train.epochs=5"]);

        var error = Assert.Throws<InputException>(() => ExperimentRunner.Run(manifest, SilentReporter.Instance));

        Assert.Matches(@"^training diverged at epoch \d+, step \d+: the (training loss|gradient norm) became (NaN|\+infinity|-infinity); nothing was saved from it; ", error.Message);
        Assert.Contains("lower train.learning_rate from 1E+06", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        var run = Directory.GetDirectories(dir).Single();
        var status = JsonNode.Parse(File.ReadAllText(Path.Combine(run, RunDirectory.StatusFile)))!;
        Assert.Equal("failed", (string?)status["status"]);
        Assert.Equal(error.Message, (string?)status["error"]);
        // Nothing is written from non-finite weights: a model is saved only at an epoch end whose weights were
        // checked finite, and there are no metrics, predictions or figures.
        Assert.False(File.Exists(Path.Combine(run, ExperimentRunner.MetricsFile)));
        Assert.Empty(Directory.GetFiles(run, "predictions_*.csv"));
        Assert.False(Directory.Exists(Path.Combine(run, "figures")));
        Assert.All(EpochLosses(run), loss => Assert.True(double.IsFinite(loss)));
    }

    private static List<double> EpochLosses(string runDirectory)
    {
        var path = Path.Combine(runDirectory, RunRecords.EpochMetricsFile);
        if (!File.Exists(path)) return [];
        return File.ReadLines(path).Skip(1)
            .Select(line => double.Parse(line.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }
}
