using System.Diagnostics;
using BioTransformer.Experiments.Runs;
using BioTransformer.Modeling.Training;
using Spectre.Console;

namespace BioTransformer.Cli;

/// <summary>
/// Renders a run or job on the console: info as lines on standard output (standard error when the command's
/// data go to standard output), warnings and progress on standard error; a step line (epoch, step, loss,
/// throughput, ETA) at most every few seconds, one line per epoch and a table of the final metrics.
/// Progress through a large input is one line rewritten in place on a terminal and a plain line every 15 s
/// in a log. Quiet keeps warnings and the final table only.
/// </summary>
internal sealed class ConsoleReporter(CliIo io, bool quiet, string? outputPath = null) : IRunReporter
{
    private readonly Stopwatch sinceLastStep = Stopwatch.StartNew();
    private readonly Stopwatch sinceLastProgress = Stopwatch.StartNew();
    private readonly Stopwatch sinceStart = Stopwatch.StartNew();
    private readonly IAnsiConsole info = io.InfoFor(outputPath);
    private bool progressLineOpen;

    private bool Interactive => io.Err.Profile.Capabilities.Interactive;

    private TimeSpan StepInterval => io.Out.Profile.Capabilities.Interactive ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(15);

    public void Info(string message)
    {
        if (quiet) return;
        EndProgressLine();
        info.MarkupLine(Markup.Escape(message));
    }

    public void Warning(string message)
    {
        EndProgressLine();
        io.Err.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");
    }

    public void Step(TrainingProgress p)
    {
        if (quiet || sinceLastStep.Elapsed < StepInterval) return;
        sinceLastStep.Restart();
        info.MarkupLine($"[grey]epoch {p.Epoch}/{p.Epochs}  step {p.Step}/{p.TotalSteps}  loss {p.Loss:0.0000}  " +
                        $"{p.TokensPerSecond:N0} tok/s  elapsed {Format(p.Elapsed)}  ETA {Format(p.Remaining)}[/]");
    }

    public void Epoch(EpochSummary s, string metric)
    {
        if (quiet) return;
        var best = s.IsBest ? " [green]*best[/]" : "";
        info.MarkupLine($"epoch {s.Epoch,4}  train loss {s.TrainLoss:0.0000}  valid loss {s.ValidLoss:0.0000}  " +
                        $"valid {Markup.Escape(metric)} {s.ValidScore:0.0000}  lr {s.LearningRate:0.00e+0}  {s.Seconds:0.0}s  {s.TokensPerSecond:N0} tok/s{best}");
    }

    public void Results(IReadOnlyList<(string Split, string Metric, double Value)> rows)
    {
        EndProgressLine();
        var metrics = rows.Select(r => r.Metric).Distinct().ToList();
        var table = new Table().AddColumn("split");
        foreach (var metric in metrics) table.AddColumn(new TableColumn(Markup.Escape(metric)).RightAligned());
        foreach (var split in rows.Select(r => r.Split).Distinct())
            table.AddRow([split, .. metrics.Select(m => rows.First(r => r.Split == split && r.Metric == m).Value is var v && double.IsFinite(v) ? v.ToString("0.0000") : "n/a")]);
        info.Write(table);
    }

    public void Progress(string task, long done, long total, long items)
    {
        if (quiet) return;
        var interval = Interactive ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(15);
        if (sinceLastProgress.Elapsed < interval) return;
        sinceLastProgress.Restart();
        var elapsed = sinceStart.Elapsed;
        var text = $"{task}: {items:N0} rows";
        if (total > 0 && done > 0)
        {
            double fraction = Math.Min(1.0, (double)done / total);
            var remaining = TimeSpan.FromSeconds(elapsed.TotalSeconds / fraction * (1 - fraction));
            text += $", {fraction:P0}, elapsed {Format(elapsed)}, ETA {Format(remaining)}";
        }
        else text += $", elapsed {Format(elapsed)}";
        if (Interactive)
        {
            io.Err.Profile.Out.Writer.Write($"\r{text}\u001b[K");
            io.Err.Profile.Out.Writer.Flush();
            progressLineOpen = true;
        }
        else io.Err.MarkupLine(Markup.Escape(text));
    }

    private void EndProgressLine()
    {
        if (!progressLineOpen) return;
        io.Err.Profile.Out.Writer.WriteLine();
        progressLineOpen = false;
    }

    private static string Format(TimeSpan t) => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss") : t.ToString(@"m\:ss");
}
