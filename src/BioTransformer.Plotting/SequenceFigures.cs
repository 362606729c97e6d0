using ScottPlot;

namespace BioTransformer.Plotting;

/// <summary>A published result drawn beside a curve: who, at which x, what value.</summary>
public sealed record ReferencePoint(string Label, double X, double Y);

/// <summary>Figures of sequence-to-sequence models: top-k accuracy and attention between two sequences.</summary>
public static class SequenceFigures
{
    /// <summary>
    /// Top-k exact-match accuracy against k, one line per series, with published results as labelled markers
    /// (one marker shape per source).
    /// </summary>
    public static IReadOnlyList<string> TopKAccuracy(string path, IReadOnlyList<Series> series, IReadOnlyList<ReferencePoint> references, string title,
        FigureOutput? output = null)
    {
        var o = output ?? FigureOutput.Screen;
        var plot = FigureStyle.NewPlot(title, "k (candidates considered)", "Top-k accuracy", o);
        for (int s = 0; s < series.Count; s++)
        {
            var line = plot.Add.Scatter(series[s].X.ToArray(), series[s].Y.ToArray(), FigureStyle.Palette[s % FigureStyle.Palette.Count]);
            line.LegendText = series[s].Label;
            line.LineWidth = 2;
            line.MarkerSize = 5;
        }
        MarkerShape[] shapes = [MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp, MarkerShape.OpenDiamond, MarkerShape.OpenCircle, MarkerShape.Cross];
        foreach (var (group, g) in references.GroupBy(r => r.Label).Select((g, i) => (g, i)))
        {
            var points = plot.Add.ScatterPoints(group.Select(p => p.X).ToArray(), group.Select(p => p.Y).ToArray(), FigureStyle.Palette[(series.Count + g) % FigureStyle.Palette.Count]);
            points.MarkerShape = shapes[g % shapes.Length];
            points.MarkerSize = 9;
            points.LegendText = group.Key;
        }
        double maxX = Math.Max(series.SelectMany(s => s.X).DefaultIfEmpty(1).Max(), references.Select(r => r.X).DefaultIfEmpty(1).Max());
        plot.Axes.SetLimits(0.5, maxX + 0.5, 0, 1);
        plot.Axes.Bottom.TickGenerator = FigureStyle.NumericTicks(o, integersOnly: true);
        // Below the axes: any place inside would hide either the curve (low k) or the published points.
        plot.ShowLegend(Edge.Bottom);
        return FigureStyle.Save(plot, path, o);
    }

    /// <summary>
    /// Attention weights between two token sequences: one row per token written (<paramref name="rowLabels"/>,
    /// top to bottom), one column per token read (<paramref name="columnLabels"/>), weights 0–1.
    /// </summary>
    /// <param name="weights">[row, column] weights; each row sums to 1 over the columns.</param>
    public static IReadOnlyList<string> AttentionMap(string path, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels, double[,] weights,
        string rowAxis, string columnAxis, string title, FigureOutput? output = null)
    {
        var o = output ?? FigureOutput.Screen;
        int rows = rowLabels.Count, columns = columnLabels.Count;
        if (weights.GetLength(0) != rows || weights.GetLength(1) != columns) throw new ArgumentException("weights must be rows × columns");
        var plot = FigureStyle.NewPlot(title, columnAxis, rowAxis, o);
        var heatmap = plot.Add.Heatmap(weights);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, Math.Max(1e-9, weights.Cast<double>().Where(double.IsFinite).DefaultIfEmpty(1).Max()));
        heatmap.Extent = new CoordinateRect(0.5, columns + 0.5, 0.5, rows + 0.5);
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = "Attention weight";
        bar.LabelStyle.FontSize = o.Font(12);
        bar.Axis.TickLabelStyle.FontSize = o.Font(12);
        bar.Axis.TickGenerator = FigureStyle.NumericTicks(o);
        plot.Axes.Bottom.SetTicks(Enumerable.Range(1, columns).Select(c => (double)c).ToArray(), [.. columnLabels]);
        plot.Axes.Left.SetTicks(Enumerable.Range(1, rows).Select(r => (double)r).ToArray(), [.. rowLabels]);
        plot.Axes.Bottom.TickLabelStyle.FontSize = o.Font(columns > 40 ? 7 : 10);
        plot.Axes.Left.TickLabelStyle.FontSize = o.Font(rows > 40 ? 7 : 10);
        // Tokens read across the bottom, turned upright when any is wider than two characters; the axis keeps room for them.
        int widest = columnLabels.Select(l => l.Length).DefaultIfEmpty(1).Max();
        if (widest > 2)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = -90;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            plot.Axes.Bottom.MinimumSize = (float)(o.Font(columns > 40 ? 7 : 10) * (0.75 * widest + 2.5));
        }
        plot.Axes.SetLimits(0.5, columns + 0.5, rows + 0.5, 0.5);   // first written token at the top
        return FigureStyle.Save(plot, path, o, Math.Clamp((double)rows / Math.Max(1, columns), 0.5, 1.2));
    }
}
