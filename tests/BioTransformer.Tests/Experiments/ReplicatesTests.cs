using System.Globalization;
using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Experiments;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Runs;

namespace BioTransformer.Tests.Experiments;

public class ReplicatesTests
{
    [Fact]
    public void Summarize_MeanAndSampleSd_PerNumericLeaf()
    {
        var runs = new[]
        {
            JsonNode.Parse("""{"task": "property", "splits": {"test": {"rmse": 1.0}}, "epochs": 3}""")!.AsObject(),
            JsonNode.Parse("""{"task": "property", "splits": {"test": {"rmse": 2.0}}, "epochs": 5}""")!.AsObject(),
            JsonNode.Parse("""{"task": "property", "splits": {"test": {"rmse": 4.0}}}""")!.AsObject(),
        };
        var rows = Replicates.Summarize(runs);
        var rmse = rows.Single(r => r.Metric == "splits.test.rmse");
        Assert.Equal(7.0 / 3, rmse.Mean, 12);
        Assert.Equal(Math.Sqrt(((1 - 7.0 / 3) * (1 - 7.0 / 3) + (2 - 7.0 / 3) * (2 - 7.0 / 3) + (4 - 7.0 / 3) * (4 - 7.0 / 3)) / 2), rmse.Sd, 12);
        var epochs = rows.Single(r => r.Metric == "epochs");
        Assert.Equal(4, epochs.Mean, 12);          // the run without the key is left out, not counted as 0
        Assert.True(double.IsNaN(epochs.Values[2]));
        Assert.DoesNotContain(rows, r => r.Metric == "task");
    }

    [Fact]
    public void Run_TwoSeeds_WritesOneRunEachAndASummary()
    {
        var manifest = ManifestLoader.Load(Repo.Fixture("tiny_esol.toml"), ["seeds=[5, 6]", "train.epochs=1", $"output.dir=\"{Repo.TempDirectory()}\""]);
        var series = Replicates.Run(manifest, manifest.Seeds, SilentReporter.Instance);
        Assert.Equal([5, 6], series.Runs.Select(r => r.Seed));
        foreach (var (seed, run) in series.Runs)
            Assert.Contains($"seed = {seed}", File.ReadAllText(Path.Combine(run.Directory, ExperimentRunner.ManifestFile)));

        var summary = File.ReadAllLines(Path.Combine(series.SummaryDirectory, Replicates.SummaryCsv));
        Assert.Equal("metric,mean,sd,n,seed_5,seed_6", summary[0]);
        var row = summary.Single(l => l.StartsWith("splits.test.mean.rmse,", StringComparison.Ordinal)).Split(',');
        var values = series.Runs.Select(r => (double)r.Run.Metrics["splits"]!["test"]!["mean"]!["rmse"]!).ToArray();
        Assert.Equal(values.Average(), double.Parse(row[1], CultureInfo.InvariantCulture), 1e-6);
        Assert.Equal(Math.Abs(values[0] - values[1]) / Math.Sqrt(2), double.Parse(row[2], CultureInfo.InvariantCulture), 1e-6);
        Assert.Equal("2", row[3]);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(series.SummaryDirectory, Replicates.RunsFile)).Length);
    }

    [Fact]
    public void Seeds_Repeated_IsAOneLineError()
    {
        var e = Assert.Throws<InputException>(() => ManifestLoader.Load(Repo.Fixture("tiny_esol.toml"), ["seeds=[1, 1]"]));
        Assert.Contains("must be distinct", e.Message);
    }
}
