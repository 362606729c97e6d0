using System.Globalization;
using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Experiments.Runs;
using BioTransformer.Plotting;

namespace BioTransformer.Experiments.Reports;

/// <summary>
/// `report`: a Markdown and a self-contained HTML summary of saved runs for supplementary material —
/// per experiment its metrics (mean ± sd over replicate seeds), figures, runs, data hashes, environment
/// and resolved manifest, plus a comparison across experiments.
/// </summary>
public static class ReportJob
{
    public const string MarkdownFile = "report.md";
    public const string HtmlFile = "report.html";
    public const string FiguresFolder = "figures";

    /// <param name="Runs">Run directories or replicate summary directories.</param>
    /// <param name="Metrics">Metrics to compare across experiments; empty: each task's headline metric.</param>
    public sealed record Request(IReadOnlyList<string> Runs, string OutputDirectory, FigureOutput Output, bool LogLoss, IReadOnlyList<string> Metrics);

    /// <returns>The Markdown and HTML files written.</returns>
    public static (string Markdown, string Html) Run(Request request, IRunReporter reporter)
    {
        var runs = RunSet.Load(request.Runs);
        var groups = RunSet.Group(runs);
        var output = Path.GetFullPath(request.OutputDirectory);
        OutputFolder.Prepare(output);
        // Figures are PNG for the report (embedded in the HTML) plus whatever the user asked for (SVG).
        var format = request.Output with { Png = true };
        var document = new ReportDocument(groups.Count == 1 ? $"BioTransformer report: {groups[0].Label}" : "BioTransformer report");
        document.Blocks.Add(new ReportDocument.Paragraph(
            $"Written {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC from {runs.Count} run{(runs.Count == 1 ? "" : "s")} of {groups.Count} experiment{(groups.Count == 1 ? "" : "s")}. " +
            "Mean ± sd are over replicate runs that differ only in their seed (sample sd, n − 1)."));

        if (groups.Count > 1 || groups[0].Runs.Count > 1) Summary(document, groups, request, output, format, reporter);
        foreach (var group in groups)
        {
            reporter.Info($"{group.Label}: {group.Runs.Count} run(s)");
            if (group.DuplicateRuns.Count > 0)
            {
                var note = $"{group.Label}: {group.DuplicateRuns.Count} run(s) repeat a seed already present ({string.Join(", ", group.DuplicateRuns.Select(r => r.Id))}): duplicates, not replicates, so left out of mean ± sd";
                reporter.Warning(note);
                document.Blocks.Add(new ReportDocument.Paragraph(note + "."));
            }
            Experiment(document, group, output, format, request.LogLoss);
        }

        var markdown = Path.Combine(output, MarkdownFile);
        var html = Path.Combine(output, HtmlFile);
        AtomicFile.WriteAllText(markdown, document.ToMarkdown());
        AtomicFile.WriteAllText(html, document.ToHtml(output));
        return (markdown, html);
    }

    private static void Summary(ReportDocument document, IReadOnlyList<RunGroup> groups, Request request, string output, FigureOutput format, IRunReporter reporter)
    {
        document.Blocks.Add(new ReportDocument.Heading(2, "Summary"));
        var rows = groups.Select(g =>
        {
            var metric = RunComparison.DefaultMetric(g.Runs[0]);
            var (mean, sd, n) = RunComparison.MeanSd(g.Runs.Select(r => RunComparison.Value(r, metric)));
            return (IReadOnlyList<string>)[g.Label, g.Task, g.Runs.Count.ToString(CultureInfo.InvariantCulture), string.Join(", ", g.Seeds), $"`{metric}`", RunComparison.Format(mean, sd, n)];
        }).ToList();
        document.Blocks.Add(new ReportDocument.Table(["experiment", "task", "runs", "seeds", "headline metric", "value"], rows));
        foreach (var figure in PlotJob.Comparisons(groups, request.Metrics, Path.Combine(output, FiguresFolder), format, reporter))
            document.Blocks.Add(new ReportDocument.Figure(Path.GetRelativePath(output, figure.Image), figure.Caption));
    }

    private static void Experiment(ReportDocument document, RunGroup group, string output, FigureOutput format, bool logLoss)
    {
        var first = group.Runs[0];
        document.Blocks.Add(new ReportDocument.Heading(2, $"{group.Label} ({first.Task})"));
        var failed = group.Runs.Where(r => r.Status != "finished").ToList();
        if (failed.Count > 0)
            document.Blocks.Add(new ReportDocument.Paragraph($"Not finished: {string.Join("; ", failed.Select(r => $"{r.Id} ({r.Status}{(r.Error is null ? "" : ": " + r.Error)})"))}. " +
                                                            "Their metrics are left out of the means."));
        var finished = group.Runs.Where(r => r.Status == "finished").ToList();

        document.Blocks.Add(new ReportDocument.Heading(3, "Metrics"));
        document.Blocks.Add(MetricsTable(finished));

        document.Blocks.Add(new ReportDocument.Heading(3, "Figures"));
        for (int i = 0; i < group.Runs.Count; i++)
        {
            var run = group.Runs[i];
            var figures = RunFigures.Draw(run, Path.Combine(output, FiguresFolder, run.Id), format, logLoss)
                .Select(f => (ReportDocument.Block)new ReportDocument.Figure(Path.GetRelativePath(output, f.Image), f.Caption)).ToList();
            if (figures.Count == 0) figures.Add(new ReportDocument.Paragraph($"{run.Id} saved no figure data."));
            if (i == 0)
            {
                if (group.Runs.Count > 1) document.Blocks.Add(new ReportDocument.Paragraph($"Run `{run.Id}` (seed {run.Seed}); the other replicates' figures follow, folded."));
                document.Blocks.AddRange(figures);
            }
            else document.Blocks.Add(new ReportDocument.Collapsible($"Figures of {run.Id} (seed {run.Seed})", figures));
        }

        document.Blocks.Add(new ReportDocument.Heading(3, "Runs"));
        document.Blocks.Add(new ReportDocument.Table(["run", "seed", "status", "path"],
            group.Runs.Select(r => (IReadOnlyList<string>)[r.Id, r.Seed.ToString(CultureInfo.InvariantCulture), r.Status, r.Directory]).ToList()));

        document.Blocks.Add(new ReportDocument.Heading(3, "Data"));
        var files = group.Runs.SelectMany(r => r.Data?["files"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(f => (IReadOnlyList<string>)[Text(f["role"]), Text(f["path"]), $"`{Text(f["sha256"])}`", Text(f["bytes"]), Text(f["rows"]), Text(f["rows_used"]), Text(f["rows_rejected"])])
            .DistinctBy(row => string.Join("\u0001", row)).ToList();
        document.Blocks.Add(files.Count == 0 ? new ReportDocument.Paragraph("No data record (data.json) was saved.")
            : new ReportDocument.Table(["role", "path", "SHA-256", "bytes", "rows", "used", "rejected"], files));

        document.Blocks.Add(new ReportDocument.Heading(3, "Environment"));
        document.Blocks.Add(EnvironmentTable(group.Runs));

        document.Blocks.Add(new ReportDocument.Heading(3, "Manifest"));
        document.Blocks.Add(new ReportDocument.Paragraph(group.Runs.Count > 1
            ? $"Resolved manifest of `{first.Id}`; the replicates differ only in `seed` ({string.Join(", ", group.Seeds)})."
            : $"Resolved manifest of `{first.Id}` (every key, defaults included); `biotransformer run` re-runs it."));
        document.Blocks.Add(new ReportDocument.Code(first.ManifestText));
    }

    /// <summary>Every numeric metric: the value of a single run, or mean ± sd and each seed's value over replicates.</summary>
    private static ReportDocument.Block MetricsTable(IReadOnlyList<SavedRun> runs)
    {
        if (runs.Count == 0) return new ReportDocument.Paragraph("No finished run.");
        var summary = Replicates.Summarize(runs.Select(r => r.Metrics).ToList()).Where(m => !Redundant(m.Metric, runs[0].Metrics)).ToList();
        if (runs.Count == 1)
            return new ReportDocument.Table(["metric", "value"], summary.Select(m => (IReadOnlyList<string>)[$"`{m.Metric}`", RunComparison.Number(m.Values[0])]).ToList());
        return new ReportDocument.Table(["metric", "mean ± sd", .. runs.Select(r => $"seed {r.Seed}")],
            summary.Select(m =>
            {
                var (mean, sd, n) = RunComparison.MeanSd(m.Values);
                return (IReadOnlyList<string>)[$"`{m.Metric}`", RunComparison.Format(mean, sd, n), .. m.Values.Select(RunComparison.Number)];
            }).ToList());
    }

    /// <summary>Per-target copies of the mean when a property run has one target: identical numbers, left out.</summary>
    private static bool Redundant(string metric, JsonObject metrics)
    {
        var parts = metric.Split('.');
        int targets = Array.IndexOf(parts, "targets");
        if (targets < 1) return false;
        JsonNode? node = metrics;
        foreach (var part in parts[..(targets + 1)]) node = node?[part];
        return node is JsonObject o && o.Count == 1;
    }

    /// <summary>environment.json of the first run; keys where replicates differ list every value.</summary>
    private static ReportDocument.Block EnvironmentTable(IReadOnlyList<SavedRun> runs)
    {
        var environments = runs.Select(r => r.Environment).OfType<JsonObject>().ToList();
        if (environments.Count == 0) return new ReportDocument.Paragraph("No environment record (environment.json) was saved.");
        var rows = environments[0].Select(p =>
        {
            var values = environments.Select(e => Text(e[p.Key])).Distinct().ToList();
            return (IReadOnlyList<string>)[p.Key, values.Count == 1 ? values[0] : string.Join(" / ", values) + " (differs between runs)"];
        }).ToList();
        return new ReportDocument.Table(["key", "value"], rows);
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
