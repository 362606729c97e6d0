using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Runs;
using BioTransformer.Modeling;
using BioTransformer.Modeling.Training;

namespace BioTransformer.Experiments;

/// <summary>
/// Runs a validated manifest: creates a new run directory, records the resolved manifest and the
/// environment before any training, dispatches to the task's runner, and marks the run finished or
/// failed (with the reason) in status.json. The figures are drawn last, from the saved files.
/// </summary>
public static class ExperimentRunner
{
    public const string ManifestFile = "manifest.toml";
    public const string EnvironmentFile = "environment.json";
    public const string MetricsFile = "metrics.json";

    public static RunResult Run(Manifest manifest, IRunReporter reporter)
    {
        // Refused before a run directory exists: what cannot fit in memory, and an init_from the run would reject.
        ManifestMemory.Check(manifest);
        Pretrained.Check(manifest, manifest.Data.Domain);
        var device = TorchRuntime.ResolveDevice(manifest.Device);
        int threads = TorchRuntime.SetThreads(manifest.Threads);
        var run = RunDirectory.Create(manifest.Output.Dir, manifest.Name, DateTime.UtcNow);
        reporter.Info($"Run directory: {run.Path}");
        return Execute(manifest, run, device, threads, reporter, () =>
        {
            run.WriteText(ManifestFile, ManifestWriter.Write(manifest, run.Path,
                $"Resolved manifest of run {Path.GetFileName(run.Path)}: every key, defaults included.\nRe-run it with: biotransformer run {ManifestFile}"));
            // The git state of the folder holding the manifest: the experiment's repository.
            var manifestFolder = Path.GetDirectoryName(manifest.SourcePath ?? manifest.Data.Path)!;
            run.WriteJson(EnvironmentFile, EnvironmentInfo.Capture(device.type.ToString().ToLowerInvariant(), threads, manifestFolder));
        });
    }

    /// <summary>
    /// Continues an interrupted run in its own directory: the resolved manifest it saved, the same data
    /// (checked against data.json's SHA-256), training from the last checkpoint, then everything after
    /// training. On the same machine and thread count the final metrics equal an uninterrupted run's.
    /// </summary>
    /// <param name="threads">A thread count other than the run's (the machine changed): honoured, with a warning that the
    /// numbers may then differ in the last bits from an uninterrupted run; null keeps the run's.</param>
    public static RunResult Resume(string runDirectory, IRunReporter reporter, int? threads = null)
    {
        var manifestPath = Path.Combine(runDirectory, ManifestFile);
        if (!File.Exists(manifestPath))
            throw InputException.At(runDirectory, null, $"no {ManifestFile}: the run was killed before it started, or this is not a run directory", "start it again with `biotransformer run`");
        var manifest = ManifestLoader.Load(manifestPath);
        CheckDataUnchanged(runDirectory, manifest);
        var run = RunDirectory.Resume(runDirectory);
        var device = TorchRuntime.ResolveDevice(manifest.Device);
        if (threads is { } asked && asked != manifest.Threads)
            reporter.Warning($"resuming with --threads {asked} (the run used {manifest.Threads}): training continues correctly, but its numbers may differ in the last bits from an uninterrupted run");
        int threadCount = TorchRuntime.SetThreads(threads ?? manifest.Threads);
        bool checkpoint = File.Exists(run.File(RunDirectory.CheckpointFile));
        reporter.Info($"Resuming {run.Path} " + (checkpoint ? "from its last checkpoint" : "from the start (no checkpoint was written yet)"));
        return Execute(manifest, run, device, threadCount, reporter, () => { });
    }

    private static RunResult Execute(Manifest manifest, RunDirectory run, TorchSharp.torch.Device device, int threads, IRunReporter reporter, Action writeRecords)
    {
        using var held = run;   // the run's lock is released when this process is done with it
        try
        {
            writeRecords();
            run.InitFrom = manifest.InitFrom.Length > 0 ? manifest.InitFrom : null;
            var context = new RunContext(manifest, run, device, threads, reporter);
            var metrics = Tasks.TaskRegistry.For(manifest.Task).Execute(context);
            // Figures are drawn from the files just saved, exactly as `plot` redraws them later.
            Reports.RunFigures.Draw(Reports.SavedRun.Load(run.Path), run.FiguresDirectory, Plotting.FigureOutput.Print);
            run.WriteStatus("finished");
            // The checkpoint only serves an interrupted run; a finished one keeps its model and records.
            var checkpointFolder = Path.GetDirectoryName(run.File(RunDirectory.CheckpointFile))!;
            if (Directory.Exists(checkpointFolder)) Directory.Delete(checkpointFolder, recursive: true);
            return new RunResult(run.Path, metrics);
        }
        catch (CheckpointException e)
        {
            var error = InputException.At(e.CheckpointPath, null, e.What,
                e.OtherVersion ? "resume it with the version that wrote it, or start the run again without --resume" : "start the run again without --resume");
            run.WriteStatus("failed", error.Message);
            throw error;
        }
        catch (NonFiniteTrainingException e)
        {
            var error = Diverged(e, manifest);
            run.WriteStatus("failed", error.Message);
            throw error;
        }
        catch (Exception e)
        {
            run.WriteStatus("failed", e is InputException ? e.Message : $"{e.GetType().Name}: {e.Message}");
            throw;
        }
    }

    /// <summary>
    /// The one-line error for training that stopped on a non-finite value: where (epoch, step, last good
    /// checkpoint, from the modelling layer) and which manifest keys to change. Resuming would replay the
    /// same steps to the same failure, so the advice is a new run with other settings.
    /// </summary>
    public static InputException Diverged(NonFiniteTrainingException e, Manifest manifest)
    {
        var t = manifest.Train;
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var clip = t.GradClip > 0 ? string.Create(culture, $"lower train.grad_clip from {t.GradClip:G4}") : "set train.grad_clip = 1 (clipping is off)";
        var todo = e.Quantity == NonFiniteQuantity.ValidationScore
            ? "; the validation metric was undefined in every epoch (e.g. ROC-AUC of a validation split with a single class): use a larger validation share in data.fractions, another split or another seed"
            : string.Create(culture, $"; lower train.learning_rate from {t.LearningRate:G4}, raise train.warmup_fraction from {t.WarmupFraction:G4} or {clip}, and start a new run (resuming would repeat the same steps)");
        return new InputException(e.Message + todo, e);
    }

    /// <summary>A resumed run must read the very data it started on.</summary>
    private static void CheckDataUnchanged(string runDirectory, Manifest manifest)
    {
        var record = Path.Combine(runDirectory, RunRecords.DataFile);
        if (!File.Exists(record)) return;   // killed before the data was read: nothing to compare
        var saved = (JsonNode.Parse(File.ReadAllText(record))?["files"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(f => (string?)f["role"] == "data")?["sha256"]?.GetValue<string>();
        if (saved is null || !File.Exists(manifest.Data.Path)) return;
        var now = FileHash.Sha256(manifest.Data.Path);
        if (now != saved)
            throw InputException.At(manifest.Data.Path, null, $"the data changed since the run started (SHA-256 {now[..12]}…, the run read {saved[..12]}…)",
                "resuming would mix two datasets; restore the file or start a new run");
    }
}
