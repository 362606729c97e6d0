using BioTransformer.Core;
using BioTransformer.Experiments.Reports;
using BioTransformer.Experiments.Runs;
using BioTransformer.Plotting;

namespace BioTransformer.Experiments.Sweeps;

/// <summary>
/// Gathers the finished runs of a sweep into summary.csv — one row per configuration (the points that
/// differ only in their seed are its replicates), with mean and sample sd of each metric and every run's
/// value — and draws each metric across configurations (replicates as points, mean ± sd).
/// </summary>
public static class SweepCollector
{
    public const string SummaryFile = "summary.csv";

    /// <returns>The summary file and the figures written.</returns>
    public static (string Summary, IReadOnlyList<FigureFile> Figures) Collect(SweepPlan plan, IReadOnlyList<string> metrics, IRunReporter reporter)
    {
        var finished = plan.Points
            .Select(p => (Point: p, State: SweepRunner.Inspect(plan.PointDirectory(p))))
            .Where(x => x.State.State == "finished")
            .Select(x => (x.Point, Run: SavedRun.Load(x.State.RunDirectory!)))
            .ToList();
        if (finished.Count == 0)
            throw InputException.At(plan.Directory, null, "no finished run in this sweep yet", "run it first: biotransformer sweep run MANIFEST");
        int missing = plan.Points.Count - finished.Count;
        if (missing > 0) reporter.Warning($"{missing} of {plan.Points.Count} sweep points have no finished run; they are left out");

        var names = metrics.Count > 0 ? metrics : [RunComparison.DefaultMetric(finished[0].Run)];
        var groups = finished.GroupBy(x => x.Point.Configuration, StringComparer.Ordinal)
            .Select(g => new RunGroup(g.Key.Length == 0 ? plan.Name : g.Key, [.. g.Select(x => x.Run).OrderBy(r => r.Seed)]))
            .ToList();

        var header = new List<string> { "configuration", "runs", "seeds" };
        foreach (var metric in names) header.AddRange([$"{metric}_mean", $"{metric}_sd", $"{metric}_values"]);
        var rows = groups.Select(g =>
        {
            var row = new List<string> { g.Label, g.Runs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join(" ", g.Seeds) };
            foreach (var metric in names)
            {
                var values = g.Runs.Select(r => RunComparison.Value(r, metric)).ToList();
                var (mean, sd, _) = RunComparison.MeanSd(values);
                row.AddRange([CsvOutput.Number(mean, "G8"), CsvOutput.Number(sd, "G8"), string.Join(" ", values.Select(v => CsvOutput.Number(v, "G8")))]);
            }
            return (IReadOnlyList<string>)row;
        });
        var summary = Path.Combine(plan.Directory, SummaryFile);
        CsvOutput.Write(summary, header, rows);
        var figures = PlotJob.Comparisons(groups, names, plan.Directory, new FigureOutput(FigureOutput.DoubleColumnInches, 300, Png: true, Svg: true), reporter);
        return (summary, figures);
    }
}
