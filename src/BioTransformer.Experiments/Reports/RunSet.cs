using BioTransformer.Core;

namespace BioTransformer.Experiments.Reports;

/// <summary>Runs of one experiment: the same resolved manifest except the seed (replicates), in seed order.</summary>
/// <param name="Label">The experiment's name; when several experiments share a name, followed by the settings that tell them apart.</param>
/// <param name="Runs">One run per seed: the replicates.</param>
/// <param name="Duplicates">Further runs with a seed already in <paramref name="Runs"/>: the same experiment run again, not a
/// replicate, so left out of means and standard deviations.</param>
public sealed record RunGroup(string Label, IReadOnlyList<SavedRun> Runs, IReadOnlyList<SavedRun>? Duplicates = null)
{
    public IReadOnlyList<SavedRun> DuplicateRuns => Duplicates ?? [];

    public string Task => Runs[0].Task;
    public IReadOnlyList<int> Seeds => [.. Runs.Select(r => r.Seed)];
}

/// <summary>Reads the run directories named on a command line and groups replicates together.</summary>
public static class RunSet
{
    /// <summary>
    /// Each path is a run directory or a replicate summary directory (its replicates.csv lists its runs).
    /// A run named twice is read once.
    /// </summary>
    public static IReadOnlyList<SavedRun> Load(IEnumerable<string> paths)
    {
        var runs = new List<SavedRun>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var replicates = Path.Combine(path, Replicates.RunsFile);
            var directories = File.Exists(replicates)
                ? SavedCsv.Read(replicates) is var csv ? csv.Rows.Select(r => r[csv.Column("run_directory")]).ToList() : []
                : [path];
            foreach (var directory in directories)
                if (seen.Add(Path.GetFullPath(directory))) runs.Add(SavedRun.Load(directory));
        }
        if (runs.Count == 0) throw new InputException("no run directory given: pass one or more folders written by `biotransformer run`");
        return runs;
    }

    /// <summary>
    /// Groups runs whose resolved manifests are equal apart from the seed and the output folder (replicates),
    /// in the order first named; within a group, by seed. A second run with a seed the group already has is a
    /// duplicate (kept aside, not counted as a replicate). Experiments that share a name are labelled with the
    /// settings in which they differ, e.g. "tiny-esol (model.layers = 3)".
    /// </summary>
    public static IReadOnlyList<RunGroup> Group(IReadOnlyList<SavedRun> runs)
    {
        var groups = runs.GroupBy(r => string.Join("\n", Settings(r).Select(kv => $"{kv.Key}={kv.Value}")), StringComparer.Ordinal)
            .Select(g => g.OrderBy(r => r.Seed).ToList()).ToList();
        return groups.Select(g =>
        {
            var replicates = g.DistinctBy(r => r.Seed).ToList();
            var duplicates = g.Except(replicates).ToList();
            var namesakes = groups.Where(other => other[0].Name == g[0].Name).ToList();
            var label = namesakes.Count == 1 ? g[0].Name : $"{g[0].Name} ({Differences(g[0], namesakes.Select(n => n[0]).ToList())})";
            return new RunGroup(label, replicates, duplicates);
        }).ToList();
    }

    /// <summary>The settings (key = value) in which <paramref name="run"/> differs from at least one of <paramref name="others"/>: at most three, then "…".</summary>
    private static string Differences(SavedRun run, IReadOnlyList<SavedRun> others)
    {
        var mine = Settings(run);
        var theirs = others.Select(Settings).ToList();
        var keys = mine.Keys.Concat(theirs.SelectMany(t => t.Keys)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Where(k => theirs.Any(t => t.GetValueOrDefault(k) != mine.GetValueOrDefault(k))).ToList();
        var shown = keys.Take(3).Select(k => $"{k} = {mine.GetValueOrDefault(k) ?? "unset"}");
        return string.Join(", ", shown) + (keys.Count > 3 ? ", …" : "");
    }

    /// <summary>The manifest's settings without its comments, seed and output folder, one canonical value per key.</summary>
    private static SortedDictionary<string, string> Settings(SavedRun run)
    {
        var lines = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Walk(Tomlyn.Model.TomlTable table, string prefix)
        {
            foreach (var (key, value) in table.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
                if (path is "seed" or "seeds" or "output.dir") continue;
                if (value is Tomlyn.Model.TomlTable child) Walk(child, path);
                else lines[path] = value is Tomlyn.Model.TomlArray array ? string.Join(",", array) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            }
        }
        Walk(run.Manifest, "");
        return lines;
    }
}
