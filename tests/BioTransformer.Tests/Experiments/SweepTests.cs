using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Experiments.Runs;
using BioTransformer.Experiments.Sweeps;

namespace BioTransformer.Tests.Experiments;

/// <summary>Sweeps: the [sweep] grid, stable ids, local runs N at a time (skip, resume, retry), and the summary.</summary>
public class SweepTests
{
    /// <summary>The tiny ESOL manifest with a [sweep] table, written beside a copy of its data.</summary>
    private static string Manifest(string sweep)
    {
        var dir = Repo.TempDirectory();
        File.Copy(Repo.Fixture("tiny_esol.csv"), Path.Combine(dir, "tiny_esol.csv"));
        var path = Path.Combine(dir, "sweep.toml");
        File.WriteAllText(path, File.ReadAllText(Repo.Fixture("tiny_esol.toml")).Replace("threads = 2", "threads = 1") +
                                "\n[output]\ndir = \"out\"\n\n[sweep]\n" + sweep + "\n");
        return path;
    }

    private static SweepRunner.Launcher Cli() =>
        new(Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "biotransformer.dll")]);

    [Fact]
    public void Plan_IsTheGridInFileOrder_WithIdsFromTheSettingsAlone()
    {
        var plan = SweepPlanner.Plan(Manifest("\"model.layers\" = [1, 2]\nseed = [1, 2, 3]\n"));
        Assert.Equal(["model.layers", "seed"], plan.Keys);
        Assert.Equal(["layers-1_seed-1", "layers-1_seed-2", "layers-1_seed-3", "layers-2_seed-1", "layers-2_seed-2", "layers-2_seed-3"], plan.Points.Select(p => p.Id));
        Assert.Equal(["model.layers=2", "seed=3"], plan.Points[^1].Overrides);
        Assert.Equal("model.layers=2", plan.Points[^1].Configuration);
        Assert.EndsWith("tiny-esol-sweep", plan.Directory);

        // More values rename no existing run; a nested table is the same as a dotted key.
        var wider = SweepPlanner.Plan(Manifest("[sweep.model]\nlayers = [1, 2, 3]\n[sweep.train]\nlearning_rate = [1e-3]\n"));
        Assert.Equal(["layers-1_learning_rate-0.001", "layers-2_learning_rate-0.001", "layers-3_learning_rate-0.001"], wider.Points.Select(p => p.Id));
    }

    [Theory]
    [InlineData("\"model.depth\" = [1, 2]", "model.depth")]
    [InlineData("\"model.layers\" = [0, 2]", "out of range")]
    [InlineData("\"model.layers\" = []", "must be a non-empty list")]
    [InlineData("\"model.layers\" = 2", "must be a non-empty list")]
    [InlineData("seed = [1, 1]", "share the id")]
    public void Plan_BadSweep_IsAOneLineErrorBeforeAnythingRuns(string sweep, string expected)
    {
        var e = Assert.Throws<InputException>(() => SweepPlanner.Plan(Manifest(sweep)));
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Run_TwoAtATime_ThenAgain_SkipsFinished_ResumesInterrupted_RetriesFailed_AndCollects()
    {
        var plan = SweepPlanner.Plan(Manifest("\"train.epochs\" = [1, 2]\nseed = [1, 2]\n"));
        var first = SweepRunner.Run(plan, jobs: 2, threadsPerJob: 1, Cli(), SilentReporter.Instance);
        Assert.All(first, o => Assert.Equal("finished", o.Status));
        Assert.All(plan.Points, p => Assert.True(File.Exists(Path.Combine(plan.PointDirectory(p), SweepRunner.PointManifestFile))));

        // One point interrupted (status running, its process gone), one failed: the next run resumes and retries them.
        var interrupted = first[0].RunDirectory!;
        var status = JsonNode.Parse(File.ReadAllText(Path.Combine(interrupted, RunDirectory.StatusFile)))!.AsObject();
        status["status"] = "running";
        status["pid"] = int.MaxValue;
        File.WriteAllText(Path.Combine(interrupted, RunDirectory.StatusFile), status.ToJsonString());
        File.Delete(Path.Combine(interrupted, "metrics.json"));
        var failedRun = first[1].RunDirectory!;
        File.WriteAllText(Path.Combine(failedRun, RunDirectory.StatusFile), "{\"status\": \"failed\", \"error\": \"simulated\"}");

        var second = SweepRunner.Run(plan, jobs: 2, threadsPerJob: 1, Cli(), SilentReporter.Instance);
        Assert.Equal(["resumed", "started again (it had failed)", "skipped (finished before)", "skipped (finished before)"], second.Select(o => o.Action));
        Assert.All(second, o => Assert.Equal("finished", o.Status));
        Assert.Equal(interrupted, second[0].RunDirectory);   // resumed in place

        var (summary, figures) = SweepCollector.Collect(plan, [], SilentReporter.Instance);
        var rows = File.ReadAllLines(summary);
        Assert.Equal("configuration,runs,seeds,splits.test.mean.rmse_mean,splits.test.mean.rmse_sd,splits.test.mean.rmse_values", rows[0]);
        Assert.StartsWith("train.epochs=1,2,1 2,", rows[1]);
        Assert.StartsWith("train.epochs=2,2,1 2,", rows[2]);
        var values = rows[1].Split(',')[5].Split(' ').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(values.Average(), double.Parse(rows[1].Split(',')[3], System.Globalization.CultureInfo.InvariantCulture), 6);
        Assert.Single(figures);
        Assert.True(File.Exists(figures[0].Image));
    }

    [Fact]
    public void SlurmScript_IsAJobArrayOfThePoints_WithTheResourcesAsked()
    {
        var plan = SweepPlanner.Plan(Manifest("seed = [1, 2, 3]\n"));
        var path = SlurmScript.Write(plan, new SlurmResources(4, 16, "1-02:00:00", "gpu", 2, "lab"), ["/opt/bt/biotransformer"]);
        var text = File.ReadAllText(path);
        Assert.StartsWith("#!/bin/bash\n", text);
        foreach (var line in new[] { "#SBATCH --array=0-2%2", "#SBATCH --cpus-per-task=4", "#SBATCH --mem=16G", "#SBATCH --time=1-02:00:00",
                                     "#SBATCH --partition=\"gpu\"", "#SBATCH --account=\"lab\"", "ids=('seed-1' 'seed-2' 'seed-3')" })
            Assert.Contains(line + "\n", text);
        Assert.Contains($"exec '/opt/bt/biotransformer' sweep run '{plan.ManifestPath}' --only \"$id\"", text);
        Assert.True(File.Exists(Path.Combine(plan.Directory, SweepPlanner.PlanFile)));
        Assert.Throws<InputException>(() => SlurmScript.Write(plan, new SlurmResources(Time: "four hours"), ["x"]));
    }
}
