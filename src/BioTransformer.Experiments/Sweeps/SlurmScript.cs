using System.Globalization;
using System.Text;
using BioTransformer.Core;

namespace BioTransformer.Experiments.Sweeps;

/// <summary>Resources each array task asks Slurm for.</summary>
/// <param name="Time">Wall-time limit, Slurm's format (e.g. "04:00:00").</param>
/// <param name="MemoryGiB">Memory per task.</param>
/// <param name="Partition">Partition (queue), or empty for the cluster's default.</param>
/// <param name="MaxParallel">At most this many tasks at once (the array's %N); 0 = no limit.</param>
public sealed record SlurmResources(int CpusPerTask = 2, int MemoryGiB = 8, string Time = "04:00:00", string Partition = "", int MaxParallel = 0, string Account = "");

/// <summary>
/// Writes an sbatch job-array script for a sweep: array task i runs point i
/// (`biotransformer sweep run MANIFEST --only ID`), so Slurm schedules, retries and accounts the runs and
/// the sweep folder stays the single record — `sweep collect` reads it the same way as after a local run.
/// Re-submitting skips finished points and resumes interrupted ones, as a local sweep does.
/// </summary>
public static class SlurmScript
{
    public const string FileName = "sweep.sbatch";

    /// <param name="cli">The command that starts this CLI on the cluster's nodes (a path they share).</param>
    public static string Write(SweepPlan plan, SlurmResources resources, IReadOnlyList<string> cli)
    {
        if (resources.CpusPerTask < 1 || resources.MemoryGiB < 1) throw new InputException("--cpus-per-task and --mem-gib must be at least 1");
        if (!System.Text.RegularExpressions.Regex.IsMatch(resources.Time, @"^(\d+-)?\d{1,2}(:\d{2}){0,2}$"))
            throw new InputException($"--time '{InputException.Abbreviate(resources.Time)}' is not a Slurm time (e.g. 04:00:00 or 1-12:00:00)");
        // sbatch reads the #SBATCH lines itself (not bash): values there are restricted to safe characters and
        // double-quoted; everything bash reads is single-quoted. Names are checked when the manifest loads, and
        // again here because --partition and --account come from the command line.
        foreach (var (flag, value) in new[] { ("--partition", resources.Partition), ("--account", resources.Account) })
            if (value.Length > 0 && !SafeList.IsMatch(value))
                throw new InputException($"{flag} '{InputException.Abbreviate(value)}' is not allowed: use letters, digits, '.', '_' and '-' (a partition list separated by commas)");
        if (!SafeName.IsMatch(plan.Name))
            throw new InputException($"sweep name '{InputException.Abbreviate(plan.Name)}' is not allowed: use letters, digits, '.', '_' and '-'");
        if (plan.Directory.Any(c => c is '"' or '\\' || char.IsControl(c)))
            throw InputException.At(plan.Directory, null, "a Slurm script cannot name this folder safely (it holds a quote, a backslash or a control character)", "set output.dir to a plainer path");
        SweepPlanner.WritePlan(plan);
        var text = new StringBuilder();
        text.Append("#!/bin/bash\n");
        text.Append($"# Sweep {plan.Name}: {plan.Points.Count} runs from {InputException.OneLine(plan.ManifestPath)}\n");
        text.Append("# Submit: sbatch ").Append(Quote(Path.Combine(plan.Directory, FileName))).Append("   (again after a failure: finished runs are skipped)\n");
        text.Append($"#SBATCH --job-name=\"{plan.Name}-sweep\"\n");
        text.Append($"#SBATCH --array=0-{plan.Points.Count - 1}{(resources.MaxParallel > 0 ? $"%{resources.MaxParallel}" : "")}\n");
        text.Append($"#SBATCH --cpus-per-task={resources.CpusPerTask}\n");
        text.Append($"#SBATCH --mem={resources.MemoryGiB}G\n");
        text.Append($"#SBATCH --time={resources.Time}\n");
        if (resources.Partition.Length > 0) text.Append($"#SBATCH --partition=\"{resources.Partition}\"\n");
        if (resources.Account.Length > 0) text.Append($"#SBATCH --account=\"{resources.Account}\"\n");
        text.Append($"#SBATCH --output=\"{Path.Combine(plan.Directory, "slurm-%A_%a.out")}\"\n");
        text.Append("set -euo pipefail\n");
        text.Append("export OMP_WAIT_POLICY=PASSIVE\n");
        text.Append("ids=(").Append(string.Join(" ", plan.Points.Select(p => Quote(p.Id)))).Append(")\n");
        text.Append("id=${ids[$SLURM_ARRAY_TASK_ID]}\n");
        text.Append("exec ").Append(string.Join(" ", cli.Select(Quote))).Append(" sweep run ").Append(Quote(plan.ManifestPath));
        foreach (var o in plan.BaseOverrides) text.Append(" --set ").Append(Quote(o));
        text.Append(" --only \"$id\" --threads-per-job \"${SLURM_CPUS_PER_TASK:-").Append(resources.CpusPerTask.ToString(CultureInfo.InvariantCulture)).Append("}\"\n");
        var path = Path.Combine(plan.Directory, FileName);
        AtomicFile.WriteAllText(path, text.ToString());
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return path;
    }

    private static readonly System.Text.RegularExpressions.Regex SafeName = new($"^{Manifests.PatternAttribute.SafeName}$");
    private static readonly System.Text.RegularExpressions.Regex SafeList = new($"^{Manifests.PatternAttribute.SafeName}(,{Manifests.PatternAttribute.SafeName})*$");

    /// <summary>Single-quoted for bash.</summary>
    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
