using System.Diagnostics;
using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Experiments;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Runs;

namespace BioTransformer.Tests.Experiments;

/// <summary>
/// Crash and resume: a run killed with SIGKILL in the middle of training continues from its checkpoint
/// and ends with exactly the metrics of an uninterrupted run (CPU, same thread count).
/// </summary>
public class ResumeTests
{
    private static readonly string[] Longer = ["train.epochs=30", "train.checkpoint_every=2", "train.augment=1"];

    private static Manifest Tiny(string outputDir, params string[] overrides) =>
        ManifestLoader.Load(Repo.Fixture("tiny_esol.toml"), [.. Longer, .. overrides, $"output.dir=\"{outputDir}\""]);

    [Fact]
    public void Run_KilledMidTraining_ResumesToTheSameMetricsAsAnUninterruptedRun()
    {
        var uninterrupted = ExperimentRunner.Run(Tiny(Repo.TempDirectory()), SilentReporter.Instance);

        // The same run in a child process, killed (SIGKILL: no chance to clean up) once it has checkpointed.
        var output = Repo.TempDirectory();
        var start = new ProcessStartInfo(DotnetHost(), [Path.Combine(AppContext.BaseDirectory, "biotransformer.dll"), "run", Repo.Fixture("tiny_esol.toml"),
            .. Longer.SelectMany(o => new[] { "--set", o }), "--set", $"output.dir={output}", "--quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string? checkpoint = null;
        var log = new System.Text.StringBuilder();
        using (var child = new Process { StartInfo = start })
        {
            // Read the child's output as it comes: an unread pipe that fills up would stall it.
            child.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
            child.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
            child.Start();
            child.BeginOutputReadLine();
            child.BeginErrorReadLine();
            var clock = Stopwatch.StartNew();
            while (checkpoint is null && !child.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                checkpoint = Directory.GetFiles(output, "training.ckpt", SearchOption.AllDirectories).FirstOrDefault();
                Thread.Sleep(10);
            }
            Assert.True(checkpoint is not null, $"the child never checkpointed ({clock.Elapsed}): {log}");
            Thread.Sleep(300);   // some steps past the checkpoint, so their work is lost and redone
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
            var runDirectory0 = Path.GetDirectoryName(Path.GetDirectoryName(checkpoint))!;
            Assert.True(Status(runDirectory0)["status"]!.GetValue<string>() == "running", $"killed after {clock.Elapsed}, but the run had ended: {log}");
        }
        var runDirectory = Path.GetDirectoryName(Path.GetDirectoryName(checkpoint))!;
        Assert.False(File.Exists(Path.Combine(runDirectory, "metrics.json")));

        var resumed = ExperimentRunner.Resume(runDirectory, SilentReporter.Instance);

        Assert.Equal(runDirectory, resumed.Directory);
        Assert.Equal(uninterrupted.Metrics["splits"]!.ToJsonString(), resumed.Metrics["splits"]!.ToJsonString());
        Assert.Equal(EpochLosses(uninterrupted.Directory), EpochLosses(runDirectory));
        Assert.Equal(File.ReadAllText(Path.Combine(uninterrupted.Directory, "predictions_test.csv")), File.ReadAllText(Path.Combine(runDirectory, "predictions_test.csv")));
        var status = Status(runDirectory);
        Assert.Equal("finished", status["status"]!.GetValue<string>());
        Assert.Single(status["resumed_utc"]!.AsArray());
        Assert.False(Directory.Exists(Path.Combine(runDirectory, "checkpoint")));   // a finished run drops it
    }

    [Fact]
    public void Resume_AFinishedRun_IsAOneLineError()
    {
        var run = ExperimentRunner.Run(Tiny(Repo.TempDirectory(), "train.epochs=2"), SilentReporter.Instance);
        var e = Assert.Throws<InputException>(() => ExperimentRunner.Resume(run.Directory, SilentReporter.Instance));
        Assert.Contains("already finished", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Resume_AfterTheDataChanged_IsRefused()
    {
        var dir = Repo.TempDirectory();
        File.Copy(Repo.Fixture("tiny_esol.csv"), Path.Combine(dir, "data.csv"));
        var manifest = Path.Combine(dir, "m.toml");
        File.WriteAllText(manifest, File.ReadAllText(Repo.Fixture("tiny_esol.toml")).Replace("tiny_esol.csv", "data.csv"));
        var run = ExperimentRunner.Run(ManifestLoader.Load(manifest, ["train.epochs=2", $"output.dir=\"{dir}\""]), SilentReporter.Instance);
        MarkInterrupted(run.Directory);
        File.AppendAllText(Path.Combine(dir, "data.csv"), "CCO,-0.77\n");

        var e = Assert.Throws<InputException>(() => ExperimentRunner.Resume(run.Directory, SilentReporter.Instance));
        Assert.Contains("the data changed since the run started", e.Message);
    }

    [Fact]
    public void Resume_WithADamagedCheckpoint_IsAOneLineErrorNamingIt()
    {
        var run = ExperimentRunner.Run(Tiny(Repo.TempDirectory(), "train.epochs=2"), SilentReporter.Instance);
        MarkInterrupted(run.Directory);
        var checkpoint = Path.Combine(run.Directory, RunDirectory.CheckpointFile);
        Directory.CreateDirectory(Path.GetDirectoryName(checkpoint)!);
        File.WriteAllBytes(checkpoint, [1, 2, 3]);

        var e = Assert.Throws<InputException>(() => ExperimentRunner.Resume(run.Directory, SilentReporter.Instance));
        Assert.Contains("training.ckpt", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal("failed", Status(run.Directory)["status"]!.GetValue<string>());
    }

    /// <summary>Makes a finished run look like one killed before it finished (status running, its process gone).</summary>
    private static void MarkInterrupted(string runDirectory)
    {
        var status = Status(runDirectory);
        status["status"] = "running";
        status["pid"] = int.MaxValue;   // no such process
        File.WriteAllText(Path.Combine(runDirectory, RunDirectory.StatusFile), status.ToJsonString());
    }

    private static JsonObject Status(string runDirectory) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(runDirectory, RunDirectory.StatusFile)))!.AsObject();

    /// <summary>metrics_epochs.csv without its timing columns.</summary>
    private static List<string> EpochLosses(string runDirectory) =>
        File.ReadAllLines(Path.Combine(runDirectory, "metrics_epochs.csv")).Select(l => string.Join(',', l.Split(',').Take(6))).ToList();

    private static string DotnetHost() =>
        Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
}
