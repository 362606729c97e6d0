using BioTransformer.Experiments.Tasks;
using BioTransformer.Plotting;

namespace BioTransformer.Experiments.Reports;

/// <summary>
/// Every figure of a run, drawn from the files the run saved (metrics_epochs.csv, predictions_test.csv,
/// metrics.json, generated.csv, conditioning_samples.csv, contact_maps/…) — never from the model. The run
/// itself draws its quick-look figures through here, and `plot` redraws them for print, so both always agree.
/// </summary>
public static class RunFigures
{
    /// <summary>Draws the run's figures into <paramref name="outputDirectory"/>; a figure whose data the run did not save is skipped.</summary>
    /// <param name="logLoss">Log-scale y axis on the learning curve.</param>
    public static IReadOnlyList<FigureFile> Draw(SavedRun run, string outputDirectory, FigureOutput output, bool logLoss = false)
    {
        var figures = new List<FigureFile>();
        string Out(string file) => Path.Combine(outputDirectory, file);
        LearningCurves(run, Out, output, logLoss, figures);
        TaskRegistry.Find(run.Task)?.DrawFigures(run, Out, output, figures);
        return figures;
    }

    /// <summary>The loss the task trains on, as the learning curve's axis label.</summary>
    public static string LossLabel(SavedRun run) => TaskRegistry.Find(run.Task)?.LossLabel(run) ?? "Loss";

    /// <summary>A metric name as an axis label: rmse → RMSE, long_P@L/5 → long-range P@L/5.</summary>
    public static string MetricLabel(string metric) => metric switch
    {
        "rmse" or "mae" or "r2" => metric == "r2" ? "R²" : metric.ToUpperInvariant(),
        "roc_auc" => "ROC-AUC",
        "pr_auc" => "PR-AUC",
        "perplexity" => "Perplexity",
        _ when metric.StartsWith("long_", StringComparison.Ordinal) => "long-range " + metric["long_".Length..],
        _ => metric.Replace('_', ' '),
    };

    private static void LearningCurves(SavedRun run, Func<string, string> output, FigureOutput format, bool logLoss, List<FigureFile> figures)
    {
        var path = run.File(RunRecords.EpochMetricsFile);
        if (!File.Exists(path)) return;
        var csv = SavedCsv.Read(path);
        if (csv.Rows.Count == 0) return;
        var epochs = csv.Numbers("epoch").ToList();
        var loss = LossLabel(run);
        figures.Add(new FigureFile($"Learning curve: {loss[0..1].ToLowerInvariant()}{loss[1..]} on the training and validation sets per epoch" + (logLoss ? " (log scale)." : "."),
            Figures.LearningCurve(output("learning_curve.png"),
                [new Series("train", epochs, csv.Numbers("train_loss")), new Series("validation", epochs, csv.Numbers("valid_loss"))],
                loss, logY: logLoss, output: format)));
        // The validation column of the selection metric: valid_<metric>, the one after valid_loss.
        int metricColumn = csv.Column("valid_loss") + 1;
        if (TaskRegistry.Find(run.Task) is { DrawsValidationMetric: true } && metricColumn < csv.Header.Count && csv.Header[metricColumn].StartsWith("valid_", StringComparison.Ordinal))
        {
            var metric = csv.Header[metricColumn]["valid_".Length..];
            figures.Add(new FigureFile($"Validation {MetricLabel(metric)} per epoch; the best epoch's weights are kept.",
                Figures.LearningCurve(output("validation_metric.png"), [new Series($"validation {MetricLabel(metric)}", epochs, csv.Numbers(metricColumn))],
                    MetricLabel(metric), "Validation metric", output: format)));
        }
    }
}
