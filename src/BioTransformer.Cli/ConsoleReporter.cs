using System.Diagnostics;
using BioTransformer.Experiments.Runs;
using BioTransformer.Modeling.Training;
using Spectre.Console;

namespace BioTransformer.Cli;

/// <summary>
/// Renders a run on the console: info and warnings as lines, a step line (epoch, step, loss,
/// throughput, ETA) at most every few seconds, one line per epoch and a table of the final metrics.
/// </summary>
internal sealed class ConsoleReporter(IAnsiConsole console, bool quiet) : IRunReporter
{
    private readonly Stopwatch sinceLastStep = Stopwatch.StartNew();

    private TimeSpan StepInterval => console.Profile.Capabilities.Interactive ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(15);

    public void Info(string message) => console.MarkupLine(Markup.Escape(message));

    public void Warning(string message) => console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");

    public void Step(TrainingProgress p)
    {
        if (quiet || sinceLastStep.Elapsed < StepInterval) return;
        sinceLastStep.Restart();
        console.MarkupLine($"[grey]epoch {p.Epoch}/{p.Epochs}  step {p.Step}/{p.TotalSteps}  loss {p.Loss:0.0000}  " +
                           $"{p.TokensPerSecond:N0} tok/s  elapsed {Format(p.Elapsed)}  ETA {Format(p.Remaining)}[/]");
    }

    public void Epoch(EpochSummary s, string metric)
    {
        if (quiet) return;
        var best = s.IsBest ? " [green]*best[/]" : "";
        console.MarkupLine($"epoch {s.Epoch,4}  train loss {s.TrainLoss:0.0000}  valid loss {s.ValidLoss:0.0000}  " +
                           $"valid {Markup.Escape(metric)} {s.ValidScore:0.0000}  lr {s.LearningRate:0.00e+0}  {s.Seconds:0.0}s  {s.TokensPerSecond:N0} tok/s{best}");
    }

    public void Results(IReadOnlyList<(string Split, string Metric, double Value)> rows)
    {
        var metrics = rows.Select(r => r.Metric).Distinct().ToList();
        var table = new Table().AddColumn("split");
        foreach (var metric in metrics) table.AddColumn(new TableColumn(Markup.Escape(metric)).RightAligned());
        foreach (var split in rows.Select(r => r.Split).Distinct())
            table.AddRow([split, .. metrics.Select(m => rows.First(r => r.Split == split && r.Metric == m).Value is var v && double.IsFinite(v) ? v.ToString("0.0000") : "n/a")]);
        console.Write(table);
    }

    private static string Format(TimeSpan t) => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss") : t.ToString(@"m\:ss");
}
