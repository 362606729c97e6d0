using BioTransformer.Core;

namespace BioTransformer.Experiments.Reports;

/// <summary>Runs of one experiment: the same resolved manifest except the seed (replicates), in seed order.</summary>
/// <param name="Label">The experiment's name; made unique with a suffix when two different manifests share a name.</param>
public sealed record RunGroup(string Label, IReadOnlyList<SavedRun> Runs)
{
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
    /// Groups runs whose resolved manifests are equal apart from the seed and the output folder, in the
    /// order first named; within a group, by seed.
    /// </summary>
    public static IReadOnlyList<RunGroup> Group(IReadOnlyList<SavedRun> runs)
    {
        var groups = runs.GroupBy(ComparableManifest, StringComparer.Ordinal).Select(g => g.OrderBy(r => r.Seed).ToList()).ToList();
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        return groups.Select(g =>
        {
            int n = labels[g[0].Name] = labels.GetValueOrDefault(g[0].Name) + 1;
            return new RunGroup(n == 1 ? g[0].Name : $"{g[0].Name} ({n})", g);
        }).ToList();
    }

    /// <summary>The manifest's settings without its comments, seed and output folder, as one canonical line per key.</summary>
    private static string ComparableManifest(SavedRun run)
    {
        var lines = new List<string>();
        void Walk(Tomlyn.Model.TomlTable table, string prefix)
        {
            foreach (var (key, value) in table.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
                if (path is "seed" or "seeds" or "output.dir") continue;
                if (value is Tomlyn.Model.TomlTable child) Walk(child, path);
                else lines.Add($"{path}={(value is Tomlyn.Model.TomlArray array ? string.Join(",", array) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture))}");
            }
        }
        Walk(run.Manifest, "");
        return string.Join("\n", lines);
    }
}
