using ScottPlot;

namespace BioTransformer.Plotting;

/// <summary>One named series of a line figure.</summary>
public sealed record Series(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>The figures written into run directories, drawn from plain arrays.</summary>
public static class Figures
{
    /// <summary>Loss (or metric) per epoch, one line per series; NaN points are left out.</summary>
    public static void LearningCurve(string path, IReadOnlyList<Series> series, string yLabel, string title = "Learning curve")
    {
        var plot = FigureStyle.NewPlot(title, "Epoch", yLabel);
        for (int s = 0; s < series.Count; s++)
        {
            var (xs, ys) = Finite(series[s].X, series[s].Y);
            if (xs.Length == 0) continue;
            var line = plot.Add.Scatter(xs, ys, FigureStyle.Palette[s % FigureStyle.Palette.Count]);
            line.LegendText = series[s].Label;
            line.LineWidth = 2;
            line.MarkerSize = 5;
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(Alignment.UpperRight);
        FigureStyle.SavePng(plot, path);
    }

    /// <summary>
    /// Predicted against measured values with the y = x line, RMSE and R² in the corner; both axes
    /// share one range so distance from the diagonal reads as error.
    /// </summary>
    public static void Parity(string path, IReadOnlyList<double> measured, IReadOnlyList<double> predicted, string quantity, double rmse, double r2, string title)
    {
        var plot = FigureStyle.NewPlot(title, $"{quantity} (measured)", $"{quantity} (predicted)");
        var points = plot.Add.ScatterPoints(measured.ToArray(), predicted.ToArray(), FigureStyle.Palette[0].WithAlpha(0.6));
        points.MarkerSize = 6;
        double lo = Math.Min(measured.Min(), predicted.Min());
        double hi = Math.Max(measured.Max(), predicted.Max());
        double pad = (hi - lo) * 0.05 + 1e-9;
        lo -= pad;
        hi += pad;
        var diagonal = plot.Add.Line(lo, lo, hi, hi);
        diagonal.Color = Colors.Gray;
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.LegendText = "y = x";
        plot.Axes.SetLimits(lo, hi, lo, hi);
        var note = plot.Add.Annotation($"RMSE = {rmse:0.000}\nR² = {r2:0.000}\nn = {measured.Count}", Alignment.UpperLeft);
        note.LabelFontSize = 13;
        note.LabelFontName = FigureStyle.FontName;
        note.LabelBackgroundColor = Colors.White.WithAlpha(0.9);
        note.LabelBorderColor = Colors.Gray;
        note.LabelShadowColor = Colors.Transparent;
        FigureStyle.SavePng(plot, path, FigureStyle.Height + 40, FigureStyle.Height);
    }

    /// <summary>ROC curve with the chance diagonal and the AUC in the legend.</summary>
    public static void Roc(string path, IReadOnlyList<Series> curves, string title)
    {
        var plot = FigureStyle.NewPlot(title, "False positive rate", "True positive rate");
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.Color = Colors.Gray;
        chance.LinePattern = LinePattern.Dashed;
        chance.LegendText = "chance";
        for (int s = 0; s < curves.Count; s++)
        {
            if (curves[s].X.Count == 0) continue;
            var line = plot.Add.Scatter(curves[s].X.ToArray(), curves[s].Y.ToArray(), FigureStyle.Palette[s % FigureStyle.Palette.Count]);
            line.LegendText = curves[s].Label;
            line.LineWidth = 2;
            line.MarkerSize = 0;
        }
        plot.Axes.SetLimits(0, 1, 0, 1.02);
        plot.ShowLegend(Alignment.LowerRight);
        FigureStyle.SavePng(plot, path, FigureStyle.Height + 40, FigureStyle.Height);
    }

    /// <summary>
    /// Precision–recall curves (recall on x) with each curve's PR-AUC in its label and, per curve, the
    /// precision of a random classifier (the positive fraction) as a dotted line of the same colour.
    /// </summary>
    /// <param name="baselines">Positive fraction of each curve's labels.</param>
    public static void PrecisionRecall(string path, IReadOnlyList<Series> curves, IReadOnlyList<double> baselines, string title)
    {
        var plot = FigureStyle.NewPlot(title, "Recall", "Precision");
        for (int s = 0; s < curves.Count; s++)
        {
            if (curves[s].X.Count == 0) continue;
            var color = FigureStyle.Palette[s % FigureStyle.Palette.Count];
            var line = plot.Add.Scatter(curves[s].X.ToArray(), curves[s].Y.ToArray(), color);
            line.LegendText = curves[s].Label;
            line.LineWidth = 2;
            line.MarkerSize = 0;
            var chance = plot.Add.Line(0, baselines[s], 1, baselines[s]);
            chance.Color = color.WithAlpha(0.7);
            chance.LinePattern = LinePattern.Dotted;
            chance.LegendText = $"random ({baselines[s]:0.00} positive)";
        }
        plot.Axes.SetLimits(0, 1, 0, 1.02);
        plot.ShowLegend(Alignment.LowerLeft);
        FigureStyle.SavePng(plot, path, FigureStyle.Height + 40, FigureStyle.Height);
    }

    /// <summary>
    /// Overlaid histograms of several samples on shared bins, each normalised to a density (area 1) so
    /// samples of different sizes compare; drawn as steps. Bins span the 0.5–99.5 percentiles of all values.
    /// </summary>
    public static void Histograms(string path, IReadOnlyList<(string Label, IReadOnlyList<double> Values)> samples, string quantity, string title, int bins = 40)
    {
        var all = samples.SelectMany(s => s.Values).Where(double.IsFinite).Order().ToArray();
        if (all.Length == 0) return;
        double lo = all[(int)(0.005 * (all.Length - 1))], hi = all[(int)(0.995 * (all.Length - 1))];
        if (hi <= lo) hi = lo + 1;
        double width = (hi - lo) / bins;
        var plot = FigureStyle.NewPlot(title, quantity, "Density");
        for (int s = 0; s < samples.Count; s++)
        {
            var values = samples[s].Values.Where(double.IsFinite).ToArray();
            if (values.Length == 0)
            {
                // Keep the series in the legend so a reader sees that it is empty, not forgotten.
                var empty = plot.Add.Scatter(new[] { lo }, new[] { 0.0 }, FigureStyle.Palette[s % FigureStyle.Palette.Count]);
                empty.MarkerSize = 0;
                empty.LegendText = $"{samples[s].Label} (n = 0)";
                continue;
            }
            var counts = new double[bins];
            foreach (var v in values)
                if (v >= lo && v <= hi) counts[Math.Min(bins - 1, (int)((v - lo) / width))]++;
            var xs = new double[bins + 1];
            var ys = new double[bins + 1];
            for (int b = 0; b <= bins; b++)
            {
                xs[b] = lo + b * width;
                ys[b] = b < bins ? counts[b] / (values.Length * width) : counts[bins - 1] / (values.Length * width);
            }
            var line = plot.Add.Scatter(xs, ys, FigureStyle.Palette[s % FigureStyle.Palette.Count]);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 2;
            line.MarkerSize = 0;
            line.LegendText = $"{samples[s].Label} (n = {values.Length:N0})";
        }
        plot.ShowLegend(Alignment.UpperRight);
        FigureStyle.SavePng(plot, path);
    }

    private static (double[] X, double[] Y) Finite(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var keep = Enumerable.Range(0, Math.Min(x.Count, y.Count)).Where(i => double.IsFinite(x[i]) && double.IsFinite(y[i])).ToArray();
        return (keep.Select(i => x[i]).ToArray(), keep.Select(i => y[i]).ToArray());
    }
}
