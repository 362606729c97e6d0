using System.Text.Json.Nodes;
using BioTransformer.Core.Metrics;
using BioTransformer.Experiments.Tasks;
using BioTransformer.Plotting;

namespace BioTransformer.Experiments.Reports;

/// <summary>One metric across runs and replicate groups: values, mean ± sd, and the comparison figure.</summary>
public static class RunComparison
{
    /// <summary>The metric compared by default: the headline metric its task names (e.g. the test split's selection metric).</summary>
    public static string DefaultMetric(SavedRun run) =>
        (TaskRegistry.Find(run.Task) ?? throw new Core.InputException($"{run.Directory}: task '{run.Task}' has no default metric; name one with --metric"))
            .HeadlineMetric(run);

    /// <summary>A metric's value in a run (NaN when the run lacks it or it is not a number).</summary>
    public static double Value(SavedRun run, string dottedPath)
    {
        JsonNode? node = run.Metrics;
        foreach (var part in dottedPath.Split('.'))
            node = node is JsonObject o && o.TryGetPropertyValue(part, out var child) ? child : null;
        return node is JsonValue v && v.TryGetValue<double>(out var d) ? d : double.NaN;
    }

    /// <summary>Mean and sample sd (n − 1) of the finite values; sd is NaN below two values.</summary>
    public static (double Mean, double Sd, int N) MeanSd(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        var (mean, sd) = SampleStatistics.MeanSd(finite);
        return (mean, sd, finite.Length);
    }

    /// <summary>"0.755 ± 0.055 (n = 3)", or the single value.</summary>
    public static string Format(double mean, double sd, int n) =>
        n == 0 ? "–" : n == 1 ? Number(mean) : $"{Number(mean)} ± {Number(sd)} (n = {n})";

    public static string Number(double v) =>
        !double.IsFinite(v) ? "–" : Math.Abs(v) >= 1e5 || (v != 0 && Math.Abs(v) < 1e-3)
            ? v.ToString("0.###e0", System.Globalization.CultureInfo.InvariantCulture)
            : v.ToString(Math.Abs(v) >= 100 ? "0.#" : "0.####", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The metric per group (one column per group, replicates as points, mean ± sd) — null when no run has the metric.</summary>
    public static FigureFile? Figure(IReadOnlyList<RunGroup> groups, string metric, string outputDirectory, FigureOutput output)
    {
        var values = groups.Select(g =>
        {
            var runs = g.Runs.Select(r => Value(r, metric)).ToList();
            var (mean, sd, _) = MeanSd(runs);
            return new MetricGroup(g.Label, runs, mean, sd);
        }).ToList();
        if (values.All(v => !v.Values.Any(double.IsFinite))) return null;
        var leaf = metric.Split('.')[^1];
        var label = metric.StartsWith("precision.", StringComparison.Ordinal) ? $"{metric.Split('.')[^2]}-range P@{leaf}" : RunFigures.MetricLabel(leaf);
        var split = metric.Contains(".test.", StringComparison.Ordinal) || metric.EndsWith(".test", StringComparison.Ordinal) ? "test " : "";
        var file = Path.Combine(outputDirectory, $"compare_{Sanitize(metric)}.png");
        var caption = $"{Capitalize($"{split}{label}")} per experiment: points are replicate runs (seeds), diamonds the mean with ±1 sample sd. " +
                      string.Join("; ", groups.Select((g, i) => { var (m, s, n) = MeanSd(values[i].Values); return $"{g.Label}: {Format(m, s, n)}"; })) + ".";
        return new FigureFile(caption, Figures.MetricPerRun(file, values, $"{split}{label}", Capitalize($"{split}{label} across runs"), output));
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Sanitize(string metric) =>
        string.Concat(metric.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
