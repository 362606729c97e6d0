using ScottPlot;

namespace BioTransformer.Plotting;

/// <summary>One named series of a line figure.</summary>
public sealed record Series(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>One column of a metric-per-run figure: a run's (or replicate group's) values, their mean and sample sd.</summary>
public sealed record MetricGroup(string Label, IReadOnlyList<double> Values, double Mean, double Sd);

/// <summary>The figures written into run directories, drawn from plain arrays.</summary>
public static class Figures
{
    /// <summary>Loss (or metric) per epoch, one line per series; NaN points are left out.</summary>
    /// <param name="logY">Log-scale y axis (decades labelled); points at or below zero are left out.</param>
    public static IReadOnlyList<string> LearningCurve(string path, IReadOnlyList<Series> series, string yLabel, string title = "Learning curve",
        bool logY = false, FigureOutput? output = null)
    {
        var o = output ?? FigureOutput.Screen;
        var plot = FigureStyle.NewPlot(title, "Epoch", yLabel, o);
        var plotted = new List<double>();
        for (int s = 0; s < series.Count; s++)
        {
            var (xs, ys) = Finite(series[s].X, series[s].Y);
            if (logY)
            {
                var positive = Enumerable.Range(0, xs.Length).Where(i => ys[i] > 0).ToArray();
                (xs, ys) = (positive.Select(i => xs[i]).ToArray(), positive.Select(i => Math.Log10(ys[i])).ToArray());
            }
            plotted.AddRange(ys);
            if (xs.Length == 0) continue;
            var line = plot.Add.Scatter(xs, ys, FigureStyle.Palette[s % FigureStyle.Palette.Count]);
            line.LegendText = series[s].Label;
            line.LineWidth = 2;
            line.MarkerSize = 5;
        }
        plot.Axes.Bottom.TickGenerator = FigureStyle.NumericTicks(o, integersOnly: true);
        if (logY && plotted.Count > 0)
        {
            var ticks = LogTicks(plotted.Min(), plotted.Max());
            plot.Axes.Left.SetTicks(ticks.Select(Math.Log10).ToArray(), ticks.Select(FigureStyle.NumberLabel).ToArray());
        }
        plot.ShowLegend(Alignment.UpperRight);
        return FigureStyle.Save(plot, path, o);
    }

    /// <summary>
    /// Predicted against measured values with the y = x line, RMSE and R² in the corner; both axes
    /// share one range so distance from the diagonal reads as error.
    /// </summary>
    public static IReadOnlyList<string> Parity(string path, IReadOnlyList<double> measured, IReadOnlyList<double> predicted, string quantity, double rmse, double r2,
        string title, FigureOutput? output = null)
    {
        var o = output ?? FigureOutput.Screen;
        var plot = FigureStyle.NewPlot(title, $"Measured {Lower(quantity)}", $"Predicted {Lower(quantity)}", o);
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
        var note = plot.Add.Annotation($"RMSE = {FigureStyle.NumberLabel(Math.Round(rmse, 3))}\nR² = {FigureStyle.NumberLabel(Math.Round(r2, 3))}\nn = {measured.Count}", Alignment.UpperLeft);
        note.LabelFontSize = o.Font(13);
        note.LabelFontName = FigureStyle.FontName;
        note.LabelBackgroundColor = Colors.White.WithAlpha(0.9);
        note.LabelBorderColor = Colors.Gray;
        note.LabelShadowColor = Colors.Transparent;
        return FigureStyle.Save(plot, path, o, FigureStyle.SquareAspect);
    }

    /// <summary>ROC curve with the chance diagonal and the AUC in the legend.</summary>
    public static IReadOnlyList<string> Roc(string path, IReadOnlyList<Series> curves, string title, FigureOutput? output = null)
    {
        var o = output ?? FigureOutput.Screen;
        var plot = FigureStyle.NewPlot(title, "False positive rate", "True positive rate", o);
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
        return FigureStyle.Save(plot, path, o, FigureStyle.SquareAspect);
    }

    /// <summary>
    /// Precision–recall curves (recall on x) with each curve's PR-AUC in its label and, per curve, the
    /// precision of a random classifier (the positive fraction) as a dotted line of the same colour.
    /// </summary>
    /// <param name="baselines">Positive fraction of each curve's labels.</param>
    public static IReadOnlyList<string> PrecisionRecall(string path, IReadOnlyList<Series> curves, IReadOnlyList<double> baselines, string title,
        FigureOutput? output = null)
    {
        var o = output ?? FigureOutput.Screen;
        var plot = FigureStyle.NewPlot(title, "Recall", "Precision", o);
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
        return FigureStyle.Save(plot, path, o, FigureStyle.SquareAspect);
    }

    /// <summary>
    /// Overlaid histograms of several samples on shared bins, each normalised to a density (area 1) so
    /// samples of different sizes compare; drawn as steps. Bins span the 0.5–99.5 percentiles of all values.
    /// </summary>
    /// <returns>The files written; none when no sample has a finite value.</returns>
    public static IReadOnlyList<string> Histograms(string path, IReadOnlyList<(string Label, IReadOnlyList<double> Values)> samples, string quantity, string title,
        int bins = 40, FigureOutput? output = null)
    {
        var o = output ?? FigureOutput.Screen;
        var all = samples.SelectMany(s => s.Values).Where(double.IsFinite).Order().ToArray();
        if (all.Length == 0) return [];
        double lo = all[(int)Math.Floor(0.005 * (all.Length - 1))], hi = all[(int)Math.Ceiling(0.995 * (all.Length - 1))];
        if (hi <= lo) hi = lo + 1;
        double width = (hi - lo) / bins;
        var plot = FigureStyle.NewPlot(title, quantity, "Density", o);
        double maxDensity = 0;
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
            maxDensity = Math.Max(maxDensity, ys.Max());
            var line = plot.Add.Scatter(xs, ys, FigureStyle.Palette[s % FigureStyle.Palette.Count]);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 2;
            line.MarkerSize = 0;
            line.LegendText = $"{samples[s].Label} (n = {values.Length:N0})";
        }
        // Headroom above the tallest bin keeps the legend (upper right) clear of the data.
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsY(0, maxDensity * 1.5);
        plot.ShowLegend(Alignment.UpperRight);
        return FigureStyle.Save(plot, path, o);
    }

    /// <summary>
    /// One metric across runs: each run's replicate values as small points, their mean as a large point
    /// with a ±1 sample-sd bar (n ≥ 2), one column per run in the given order. How papers compare
    /// models over seeds.
    /// </summary>
    /// <param name="groups">Per run (or group of replicates): its label, the metric of each replicate (NaN values are left out) and their
    /// mean and sd, computed by the caller (NaN: not drawn).</param>
    public static IReadOnlyList<string> MetricPerRun(string path, IReadOnlyList<MetricGroup> groups, string metricLabel, string title,
        FigureOutput? output = null)
    {
        var o = output ?? FigureOutput.Screen;
        var plot = FigureStyle.NewPlot(title, "", metricLabel, o);
        var finite = groups.Select(g => g.Values.Where(double.IsFinite).ToArray()).ToList();
        for (int g = 0; g < groups.Count; g++)
        {
            var values = finite[g];
            if (values.Length == 0) continue;
            // Replicates spread sideways by rank, deterministically, so equal values stay visible.
            var xs = values.Select((_, i) => g + (values.Length == 1 ? 0 : -0.12 + 0.24 * i / (values.Length - 1))).ToArray();
            var points = plot.Add.ScatterPoints(xs, values, FigureStyle.Palette[5].WithAlpha(0.8));
            points.MarkerSize = 6;
            var (mean, sd) = (groups[g].Mean, groups[g].Sd);
            if (!double.IsFinite(mean)) continue;
            var centre = plot.Add.ScatterPoints(new[] { (double)g }, new[] { mean }, FigureStyle.Palette[0]);
            centre.MarkerSize = 11;
            centre.MarkerShape = MarkerShape.FilledDiamond;
            if (double.IsFinite(sd))
            {
                var bar = plot.Add.ErrorBar(new[] { (double)g }, new[] { mean }, new[] { sd });
                bar.Color = FigureStyle.Palette[0];
                bar.LineWidth = 2;
            }
        }
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "replicate", MarkerShape = MarkerShape.FilledCircle, MarkerColor = FigureStyle.Palette[5], MarkerSize = 6 });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "mean ± sd", MarkerShape = MarkerShape.FilledDiamond, MarkerColor = FigureStyle.Palette[0], MarkerSize = 10 });
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, groups.Count).Select(g => (double)g).ToArray(),
            groups.Select((g, i) => $"{g.Label}\n(n = {finite[i].Length})").ToArray());
        var all = finite.SelectMany(v => v).ToArray();
        if (all.Length > 0)
        {
            // Headroom above the highest point keeps the legend (upper right) clear of the data.
            double lo = all.Min(), hi = all.Max(), pad = Math.Max(1e-9, (hi - lo) * 0.25 + Math.Abs(hi) * 0.02);
            plot.Axes.SetLimits(-0.6, groups.Count - 0.4, lo - pad, hi + pad + 0.45 * (hi - lo + 2 * pad));
        }
        plot.ShowLegend(Alignment.UpperRight);
        return FigureStyle.Save(plot, path, o);
    }

    /// <summary>
    /// Tick values for a log axis spanning 10^lo..10^hi: decades when the data span several, else 1-2-5
    /// or 1…9 multiples, else (within a few percent) evenly spaced round values — always at least two.
    /// </summary>
    public static IReadOnlyList<double> LogTicks(double lo, double hi)
    {
        foreach (var mantissas in new[] { new double[] { 1 }, [1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9] })
        {
            var ticks = new List<double>();
            for (int k = (int)Math.Floor(lo) - 1; k <= (int)Math.Ceiling(hi) + 1; k++)
                foreach (var m in mantissas)
                {
                    double v = m * Math.Pow(10, k), log = Math.Log10(v);
                    if (log >= lo - 1e-9 && log <= hi + 1e-9) ticks.Add(v);
                }
            if (ticks.Count >= 3) return ticks;
        }
        double a = Math.Pow(10, lo), b = Math.Pow(10, hi);
        if (b <= a) return [a];
        double raw = (b - a) / 4, magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = new[] { 1.0, 2, 5, 10 }.Select(f => f * magnitude).First(x => x >= raw);
        var even = new List<double>();
        for (double v = Math.Ceiling(a / step) * step; v <= b + step * 1e-9; v += step) even.Add(v);
        return even.Count >= 2 ? even : [a, b];
    }

    private static (double[] X, double[] Y) Finite(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var keep = Enumerable.Range(0, Math.Min(x.Count, y.Count)).Where(i => double.IsFinite(x[i]) && double.IsFinite(y[i])).ToArray();
        return (keep.Select(i => x[i]).ToArray(), keep.Select(i => y[i]).ToArray());
    }

    /// <summary>"Log solubility" → "log solubility" after "Measured"; names that start with two capitals (logD, ROC) stay as they are.</summary>
    private static string Lower(string quantity) =>
        quantity.Length > 1 && char.IsUpper(quantity[0]) && !char.IsUpper(quantity[1]) ? char.ToLowerInvariant(quantity[0]) + quantity[1..] : quantity;
}
