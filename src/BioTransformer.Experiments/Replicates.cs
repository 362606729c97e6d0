using System.Globalization;
using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Runs;

namespace BioTransformer.Experiments;

/// <summary>What a replicate series produced: one run per seed and the summary directory.</summary>
public sealed record ReplicateResult(string SummaryDirectory, IReadOnlyList<(int Seed, RunResult Run)> Runs);

/// <summary>
/// Replicate seeds, as papers report results: the manifest is run once per seed (each run a normal,
/// self-contained run directory whose manifest has that seed), then a summary directory
/// <c>&lt;name&gt;-replicates-&lt;time&gt;</c> gets replicates.csv (seed → run) and summary.csv / summary.json
/// with the mean, sample standard deviation (n − 1) and each seed's value of every numeric metric.
/// </summary>
public static class Replicates
{
    public const string RunsFile = "replicates.csv";
    public const string SummaryCsv = "summary.csv";
    public const string SummaryJson = "summary.json";

    /// <summary>Seeds seed, seed + 1, …, seed + count − 1.</summary>
    public static IReadOnlyList<int> Consecutive(int seed, int count) => [.. Enumerable.Range(0, count).Select(i => seed + i)];

    public static ReplicateResult Run(Manifest manifest, IReadOnlyList<int> seeds, IRunReporter reporter)
    {
        if (seeds.Count == 0) throw new ArgumentException("no seeds");
        var runs = new List<(int, RunResult)>();
        foreach (var seed in seeds)
        {
            reporter.Info($"Replicate {runs.Count + 1} of {seeds.Count}: seed {seed}");
            runs.Add((seed, ExperimentRunner.Run(manifest with { Seed = seed, Seeds = [] }, reporter)));
        }
        using var summary = RunDirectory.Create(manifest.Output.Dir, manifest.Name + "-replicates", DateTime.UtcNow);
        CsvOutput.Write(summary.File(RunsFile), ["seed", "run_directory"],
            runs.Select(r => (IReadOnlyList<string>)[r.Item1.ToString(CultureInfo.InvariantCulture), r.Item2.Directory]));
        var rows = Summarize(runs.Select(r => r.Item2.Metrics).ToList());
        CsvOutput.Write(summary.File(SummaryCsv), ["metric", "mean", "sd", "n", .. seeds.Select(s => $"seed_{s}")], rows.Select(r => (IReadOnlyList<string>)
            [r.Metric, CsvOutput.Number(r.Mean, "G8"), CsvOutput.Number(r.Sd, "G8"), r.Values.Count(double.IsFinite).ToString(CultureInfo.InvariantCulture),
             .. r.Values.Select(v => CsvOutput.Number(v, "G8"))]));
        var json = new JsonObject { ["name"] = manifest.Name, ["seeds"] = new JsonArray([.. seeds.Select(s => JsonValue.Create(s))]) };
        var metrics = new JsonObject();
        foreach (var r in rows)
            metrics[r.Metric] = new JsonObject { ["mean"] = FiniteJson.Rounded(r.Mean), ["sd"] = FiniteJson.Rounded(r.Sd), ["n"] = r.Values.Count(double.IsFinite) };
        json["metrics"] = metrics;
        summary.WriteJson(SummaryJson, json);
        summary.WriteStatus("finished");
        reporter.Info($"Replicate summary: {summary.Path}");
        return new ReplicateResult(summary.Path, runs);
    }

    /// <summary>One row per numeric leaf of the metrics (dotted path), in first-seen order, with every run's value (NaN where absent).</summary>
    public static List<(string Metric, double Mean, double Sd, IReadOnlyList<double> Values)> Summarize(IReadOnlyList<JsonObject> metrics)
    {
        var order = new List<string>();
        var perRun = metrics.Select(m =>
        {
            var leaves = new Dictionary<string, double>(StringComparer.Ordinal);
            Flatten(m, "", leaves, order);
            return leaves;
        }).ToList();
        return order.Distinct().Select(path =>
        {
            var values = perRun.Select(l => l.TryGetValue(path, out var v) ? v : double.NaN).ToList();
            var (mean, sd, _) = Reports.RunComparison.MeanSd(values);
            return (path, mean, sd, (IReadOnlyList<double>)values);
        }).ToList();
    }

    private static void Flatten(JsonNode? node, string path, Dictionary<string, double> leaves, List<string> order)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o) Flatten(child, path.Length == 0 ? key : $"{path}.{key}", leaves, order);
                break;
            case JsonValue v when v.TryGetValue<double>(out var d):
                leaves[path] = d;
                order.Add(path);
                break;
        }
    }
}
