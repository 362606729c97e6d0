using ScottPlot;

namespace BioTransformer.Plotting;

/// <summary>Figures of residue contacts: the map itself and precision by separation range.</summary>
public static class ContactFigures
{
    /// <summary>
    /// L × L contact map: predicted probabilities above the diagonal; below it the true contacts
    /// (1 = contact, 0 = none, blank = unknown) when <paramref name="truth"/> is given, otherwise the
    /// prediction mirrored. Residue 1 is at the top left, as in the field's contact-map plots.
    /// </summary>
    /// <param name="predicted">Row-major L × L probabilities.</param>
    /// <param name="truth">Row-major L × L labels (1, 0, −1 unknown), or null.</param>
    public static IReadOnlyList<string> Map(string path, int length, ReadOnlySpan<float> predicted, ReadOnlySpan<sbyte> truth, string title, FigureOutput? output = null)
    {
        var o = output ?? FigureOutput.Screen;
        if (predicted.Length != length * length) throw new ArgumentException("predicted must hold L × L values");
        bool hasTruth = truth.Length == length * length;
        var values = new double[length, length];
        for (int i = 0; i < length; i++)
            for (int j = 0; j < length; j++)
            {
                if (i == j) values[i, j] = double.NaN;
                else if (i < j || !hasTruth) values[i, j] = predicted[Math.Min(i, j) * length + Math.Max(i, j)];
                else values[i, j] = truth[i * length + j] < 0 ? double.NaN : truth[i * length + j];
            }
        // What each triangle shows goes under the axis label, not over the map where it would hide contacts.
        var plot = FigureStyle.NewPlot(title, hasTruth ? "Residue j\nupper: predicted  ·  lower: true (CB–CB < 8 Å)" : "Residue j\n(predicted; no structure given)", "Residue i", o);
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        heatmap.NaNCellColor = Colors.White;
        heatmap.Extent = new CoordinateRect(0.5, length + 0.5, 0.5, length + 0.5);
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = "Contact probability";
        bar.LabelStyle.FontSize = o.Font(12);
        bar.Axis.TickLabelStyle.FontSize = o.Font(12);
        bar.Axis.TickGenerator = FigureStyle.NumericTicks(o);
        plot.Axes.SetLimits(0.5, length + 0.5, length + 0.5, 0.5);   // y grows downward
        return FigureStyle.Save(plot, path, o, FigureStyle.MapAspect);
    }

    /// <summary>Grouped bars: one group per category (e.g. range), one bar per series (e.g. depth L, L/2, L/5); NaN bars are left out.</summary>
    public static IReadOnlyList<string> GroupedBars(string path, IReadOnlyList<string> categories, IReadOnlyList<(string Label, IReadOnlyList<double> Values)> series,
        string yLabel, string title, double? yMax = null, FigureOutput? output = null)
    {
        var o = output ?? FigureOutput.Screen;
        var plot = FigureStyle.NewPlot(title, "", yLabel, o);
        double width = 0.8 / Math.Max(1, series.Count);
        for (int s = 0; s < series.Count; s++)
        {
            var color = FigureStyle.Palette[s % FigureStyle.Palette.Count];
            var bars = new List<Bar>();
            for (int c = 0; c < categories.Count; c++)
            {
                double v = series[s].Values[c];
                if (!double.IsFinite(v)) continue;
                bars.Add(new Bar { Position = c + (s - (series.Count - 1) / 2.0) * width, Value = v, Size = width * 0.95, FillColor = color, LineWidth = 0 });
            }
            plot.Add.Bars(bars);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[s].Label, FillColor = color });
        }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, categories.Count).Select(c => (double)c).ToArray(), categories.ToArray());
        plot.Axes.Bottom.TickLabelStyle.FontSize = o.Font(12);
        double top = yMax ?? 1.15 * series.SelectMany(s => s.Values).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        plot.Axes.SetLimits(-0.6, categories.Count - 0.4, 0, top > 0 ? top : 1);
        plot.ShowLegend(Alignment.UpperRight);
        return FigureStyle.Save(plot, path, o);
    }
}
