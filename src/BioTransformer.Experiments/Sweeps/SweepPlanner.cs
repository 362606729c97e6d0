using System.Globalization;
using BioTransformer.Core;
using BioTransformer.Experiments.Manifests;
using Tomlyn.Model;

namespace BioTransformer.Experiments.Sweeps;

/// <summary>
/// Expands a manifest's [sweep] table — lists of values for any keys, e.g. "model.layers" = [2, 4],
/// seed = [1, 2, 3] — into the grid of runs (every combination, the first key varying slowest). Every
/// point is loaded and validated before anything runs, so a bad key or value fails at once, in one line.
/// </summary>
public static class SweepPlanner
{
    public const string Table = "sweep";
    public const string PlanFile = "plan.csv";

    /// <summary>Whether the manifest file has a [sweep] table.</summary>
    public static bool HasSweep(string manifestPath) =>
        File.Exists(manifestPath) && ManifestDocument.Parse(File.ReadAllText(manifestPath), manifestPath).Values.ContainsKey(Table);

    public static SweepPlan Plan(string manifestPath, IReadOnlyList<string>? overrides = null)
    {
        overrides ??= [];
        var baseManifest = ManifestLoader.Load(manifestPath, overrides);
        var document = ManifestDocument.Parse(File.ReadAllText(manifestPath), manifestPath);
        if (!document.Values.TryGetValue(Table, out var node) || node is not TomlTable table || table.Count == 0)
            throw InputException.At(manifestPath, null, "no [sweep] table", "add one, e.g. [sweep] then \"model.layers\" = [2, 4] and seed = [1, 2, 3]");
        var axes = new List<(string Key, IReadOnlyList<string> Values)>();
        Flatten(table, "", axes, document, manifestPath);

        var points = new List<SweepPoint>();
        foreach (var combination in Product(axes))
        {
            var settings = combination.ToList();
            points.Add(new SweepPoint(Id(settings), settings));
        }
        var duplicate = points.GroupBy(p => p.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw InputException.At(manifestPath, null, $"two sweep points would share the id '{duplicate.Key}'", "a [sweep] list holds the same value twice");
        foreach (var point in points)
        {
            try
            {
                ManifestLoader.Load(manifestPath, [.. overrides, .. point.Overrides]);
            }
            catch (InputException e)
            {
                throw new InputException($"sweep point {point.Id}: {e.Message}");
            }
        }
        var directory = Path.Combine(baseManifest.Output.Dir, $"{baseManifest.Name}-sweep");
        return new SweepPlan(Path.GetFullPath(manifestPath), overrides, baseManifest.Name, directory, [.. axes.Select(a => a.Key)], points, baseManifest.Slurm);
    }

    /// <summary>Writes plan.csv (id and one column per swept key) into the sweep folder.</summary>
    public static void WritePlan(SweepPlan plan)
    {
        OutputFolder.Prepare(plan.Directory);
        CsvOutput.Write(Path.Combine(plan.Directory, PlanFile), ["id", .. plan.Keys],
            plan.Points.Select(p => (IReadOnlyList<string>)[p.Id, .. plan.Keys.Select(k => p.Settings.First(s => s.Key == k).Value)]));
    }

    private static void Flatten(TomlTable table, string prefix, List<(string, IReadOnlyList<string>)> axes, ManifestDocument document, string path)
    {
        foreach (var (key, value) in table)
        {
            var dotted = prefix.Length == 0 ? key : $"{prefix}.{key}";
            switch (value)
            {
                case TomlTable child:
                    Flatten(child, dotted, axes, document, path);
                    break;
                case TomlArray { Count: > 0 } array:
                    axes.Add((dotted, [.. array.Select(Literal)]));
                    break;
                default:
                    throw InputException.At(path, document.LocationOf($"{Table}.{dotted}").Line, $"[sweep] {dotted} must be a non-empty list of values",
                        $"e.g. \"{dotted}\" = [1, 2]");
            }
        }
    }

    private static IEnumerable<IEnumerable<(string, string)>> Product(IReadOnlyList<(string Key, IReadOnlyList<string> Values)> axes)
    {
        IEnumerable<IEnumerable<(string, string)>> result = [[]];
        foreach (var (key, values) in axes)
            result = result.SelectMany(prefix => values.Select(v => prefix.Append((key, v))));
        return result;
    }

    /// <summary>A TOML value as text that --set reads back to the same value.</summary>
    public static string Literal(object? value) => value switch
    {
        string s => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
        bool b => b ? "true" : "false",
        long or int => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double d => d.ToString("R", CultureInfo.InvariantCulture) is var t && (t.Contains('.') || t.Contains('E') || t.Contains("Infinity") || t.Contains("NaN")) ? t : t + ".0",
        TomlArray a => "[" + string.Join(", ", a.Select(Literal)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>"layers-2_seed-1": the last part of each key and its value, file-name safe; long ids end in a hash.</summary>
    private static string Id(IReadOnlyList<(string Key, string Value)> settings)
    {
        var text = string.Join("_", settings.Select(s => $"{s.Key.Split('.')[^1]}-{s.Value}"));
        var safe = new string([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')]);
        if (safe.Length <= 64) return safe;
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..8];
        return $"{safe[..55]}-{hash}";
    }
}
