using BioTransformer.Core;
using BioTransformer.Experiments.Runs;
using BioTransformer.Plotting;

namespace BioTransformer.Experiments.Reports;

/// <summary>`plot`: redraws the figures of saved runs for print, and compares runs on one or more metrics.</summary>
public static class PlotJob
{
    /// <param name="Runs">Run directories or replicate summary directories.</param>
    /// <param name="OutputDirectory">Where to write; null with one run: RUN/figures/print.</param>
    /// <param name="Metrics">Dotted metrics.json paths to compare across runs; empty: each task's headline metric.</param>
    public sealed record Request(IReadOnlyList<string> Runs, string? OutputDirectory, FigureOutput Output, bool LogLoss, IReadOnlyList<string> Metrics);

    /// <summary>The default folder of a single run's print figures.</summary>
    public const string PrintFolder = "print";

    public static IReadOnlyList<FigureFile> Run(Request request, IRunReporter reporter)
    {
        var runs = RunSet.Load(request.Runs);
        if (request.OutputDirectory is null && runs.Count > 1)
            throw new InputException($"{runs.Count} runs given: name a folder for their figures with --output");
        var figures = new List<FigureFile>();
        foreach (var run in runs)
        {
            var folder = request.OutputDirectory is null ? Path.Combine(run.Directory, "figures", PrintFolder) : Path.Combine(request.OutputDirectory, run.Id);
            OutputFolder.Prepare(folder);
            var drawn = RunFigures.Draw(run, folder, request.Output, request.LogLoss);
            reporter.Info($"{run.Id}: {drawn.Count} figures in {folder}");
            figures.AddRange(drawn);
        }
        if (runs.Count > 1)
        {
            var groups = RunSet.Group(runs);
            foreach (var group in groups.Where(g => g.DuplicateRuns.Count > 0))
                reporter.Warning($"{group.Label}: {group.DuplicateRuns.Count} run(s) repeat a seed already present: duplicates, not replicates, so left out of the comparison");
            figures.AddRange(Comparisons(groups, request.Metrics, request.OutputDirectory!, request.Output, reporter));
        }
        return figures;
    }

    /// <summary>One comparison figure per metric (given, or each task's headline metric), for runs of one task.</summary>
    public static IReadOnlyList<FigureFile> Comparisons(IReadOnlyList<RunGroup> groups, IReadOnlyList<string> metrics, string outputDirectory, FigureOutput output,
        IRunReporter reporter)
    {
        var names = metrics.Count > 0 ? metrics : groups.Select(g => RunComparison.DefaultMetric(g.Runs[0])).Distinct().ToList();
        var figures = new List<FigureFile>();
        foreach (var metric in names)
        {
            var having = groups.Where(g => g.Runs.Any(r => double.IsFinite(RunComparison.Value(r, metric)))).ToList();
            if (having.Count == 0)
            {
                reporter.Warning($"no run has the metric '{metric}' (a dotted path into metrics.json, e.g. splits.test.mean.rmse)");
                continue;
            }
            if (RunComparison.Figure(having, metric, outputDirectory, output) is { } figure)
            {
                reporter.Info($"{metric}: {figure.Caption}");
                figures.Add(figure);
            }
        }
        return figures;
    }
}
