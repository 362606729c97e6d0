using System.Diagnostics;
using BioTransformer.Core;
using BioTransformer.Experiments.Runs;

namespace BioTransformer.Experiments.Sweeps;

/// <summary>What one point of a sweep ended as, and where its run is.</summary>
public sealed record SweepOutcome(SweepPoint Point, string Status, string? RunDirectory, string Action);

/// <summary>
/// Runs a sweep on this machine, <c>jobs</c> runs at a time, each as its own `biotransformer run`
/// process (its own threads, memory and crash). Re-running a sweep skips points that finished, resumes
/// points whose run was interrupted (from its checkpoint), and starts failed points again.
/// </summary>
public static class SweepRunner
{
    /// <summary>How to start the CLI: the program and the arguments before the command (e.g. "dotnet" and the dll).</summary>
    public sealed record Launcher(string FileName, IReadOnlyList<string> PrefixArguments);

    public const string LogFile = "sweep.log";

    public static IReadOnlyList<SweepOutcome> Run(SweepPlan plan, int jobs, int threadsPerJob, Launcher cli, IRunReporter reporter)
    {
        if (jobs < 1) throw new InputException("--jobs must be at least 1");
        SweepPlanner.WritePlan(plan);
        var outcomes = new SweepOutcome[plan.Points.Count];
        Parallel.For(0, plan.Points.Count, new ParallelOptions { MaxDegreeOfParallelism = jobs }, i =>
        {
            var point = plan.Points[i];
            var folder = plan.PointDirectory(point);
            var (state, existing) = Inspect(folder);
            if (state == "finished")
            {
                outcomes[i] = new SweepOutcome(point, "finished", existing, "skipped (finished before)");
                lock (reporter) reporter.Info($"{point.Id}: finished before, skipped");
                return;
            }
            List<string> arguments = state == "interrupted"
                ? ["run", "--resume", existing!, "--quiet"]
                : ["run", WritePointManifest(plan, point, folder), "--output", folder,
                   "--threads", threadsPerJob.ToString(System.Globalization.CultureInfo.InvariantCulture), "--quiet"];
            string action = state == "interrupted" ? "resumed" : state == "failed" ? "started again (it had failed)" : "started";
            lock (reporter) reporter.Info($"{point.Id}: {action}");
            int exit = Launch(cli, arguments, Path.Combine(folder, LogFile));
            var (after, directory) = Inspect(folder);
            outcomes[i] = new SweepOutcome(point, after == "finished" && exit == 0 ? "finished" : "failed", directory, action);
            lock (reporter)
                reporter.Info($"{point.Id}: {outcomes[i].Status}" + (outcomes[i].Status == "failed" ? $" (see {Path.Combine(folder, LogFile)})" : ""));
        });
        return outcomes;
    }

    /// <summary>
    /// The point's complete manifest (every key resolved, the sweep's values filled in, no [sweep] table),
    /// written into its folder as point.toml: what its run reads, and a record of what the point is.
    /// </summary>
    public static string WritePointManifest(SweepPlan plan, SweepPoint point, string folder)
    {
        var manifest = Manifests.ManifestLoader.Load(plan.ManifestPath, [.. plan.BaseOverrides, .. point.Overrides]);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, PointManifestFile);
        AtomicFile.WriteAllText(path, Manifests.ManifestWriter.Write(manifest, folder,
            $"Sweep point {point.Id} of {plan.ManifestPath}: {string.Join(", ", point.Overrides)}"));
        return path;
    }

    public const string PointManifestFile = "point.toml";

    /// <summary>The state of a point's folder: none, finished, interrupted (running, its process gone) or failed; and the newest run in it.</summary>
    public static (string State, string? RunDirectory) Inspect(string folder)
    {
        if (!Directory.Exists(folder)) return ("none", null);
        var runs = Directory.GetDirectories(folder).Where(d => File.Exists(Path.Combine(d, RunDirectory.StatusFile))).Order(StringComparer.Ordinal).ToList();
        var finished = runs.LastOrDefault(d => RunDirectory.StatusOf(d) == "finished");
        if (finished is not null) return ("finished", finished);
        if (runs.Count == 0) return ("none", null);
        var latest = runs[^1];
        // "interrupted": recorded as running, but no process holds the run (see RunDirectory.StatusOf).
        bool resumable = RunDirectory.StatusOf(latest) is "interrupted" or "running" && File.Exists(Path.Combine(latest, ExperimentRunner.ManifestFile));
        return (resumable ? "interrupted" : "failed", latest);
    }

    private static int Launch(Launcher cli, IReadOnlyList<string> arguments, string logPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var start = new ProcessStartInfo(cli.FileName, [.. cli.PrefixArguments, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        log.WriteLine($"# {DateTime.UtcNow:O}: {cli.FileName} {string.Join(' ', cli.PrefixArguments.Concat(arguments))}");
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return process.ExitCode;
    }
}
