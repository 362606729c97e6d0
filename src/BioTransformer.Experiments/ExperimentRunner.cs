using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Property;
using BioTransformer.Experiments.Runs;
using BioTransformer.Modeling;

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
        var device = TorchRuntime.ResolveDevice(manifest.Device);
        int threads = TorchRuntime.SetThreads(manifest.Threads);
        var run = RunDirectory.Create(manifest.Output.Dir, manifest.Name, DateTime.UtcNow);
        reporter.Info($"Run directory: {run.Path}");
        try
        {
            run.WriteText(ManifestFile, ManifestWriter.Write(manifest, run.Path,
                $"Resolved manifest of run {Path.GetFileName(run.Path)}: every key, defaults included.\nRe-run it with: biotransformer run {ManifestFile}"));
            // The git state of the folder holding the manifest: the experiment's repository.
            var manifestFolder = Path.GetDirectoryName(manifest.SourcePath ?? manifest.Data.Path)!;
            run.WriteJson(EnvironmentFile, EnvironmentInfo.Capture(device.type.ToString().ToLowerInvariant(), threads, manifestFolder));
            var context = new RunContext(manifest, run, device, threads, reporter);
            JsonObject metrics = manifest.Task switch
            {
                "property" => PropertyExperiment.Execute(context),
                "generation" => Generation.GenerationExperiment.Execute(context),
                "mlm" => Pretraining.MlmExperiment.Execute(context),
                "contacts" => Contacts.ContactExperiment.Execute(context),
                _ => throw new InputException($"task '{manifest.Task}' is not supported"),
            };
            // Figures are drawn from the files just saved, exactly as `plot` redraws them later.
            Reports.RunFigures.Draw(Reports.SavedRun.Load(run.Path), run.FiguresDirectory, Plotting.FigureOutput.Screen);
            run.WriteStatus("finished");
            return new RunResult(run.Path, metrics);
        }
        catch (Exception e)
        {
            run.WriteStatus("failed", e is InputException ? e.Message : $"{e.GetType().Name}: {e.Message}");
            throw;
        }
    }
}
