using System.Xml.Linq;
using BioTransformer.Plotting;
using SkiaSharp;

namespace BioTransformer.Tests.Plotting;

/// <summary>
/// Every figure type at print settings (single column, 300 dpi, PNG + SVG): each file a valid image of the
/// expected size, the PNG tagged 300 dpi, text drawn (dark pixels in the title band; the SVG's text elements
/// carry the title and axis labels).
/// </summary>
public class PrintFigureTests
{
    private static readonly FigureOutput Print = new(FigureOutput.SingleColumnInches, 300, Png: true, Svg: true);

    public static TheoryData<string> Kinds() =>
        ["learning_curve", "learning_curve_log", "parity", "roc", "precision_recall", "histograms", "metric_per_run", "contact_map", "grouped_bars"];

    /// <summary>Draws one figure type from small fixed data; returns its files, aspect and the texts it must show.</summary>
    private static (IReadOnlyList<string> Files, double Aspect, string[] Texts) Draw(string kind, string path, FigureOutput output)
    {
        var epochs = new double[] { 1, 2, 3, 4 };
        switch (kind)
        {
            case "learning_curve":
            case "learning_curve_log":
                return (Figures.LearningCurve(path, [new Series("train", epochs, [2.0, 0.9, 0.5, 0.3]), new Series("validation", epochs, [2.1, 1.2, 0.8, 0.75])],
                    "Loss (nats)", "Training of model A", logY: kind.EndsWith("log"), output: output), FigureStyle.DefaultAspect, ["Training of model A", "Loss (nats)", "Epoch", "validation"]);
            case "parity":
                return (Figures.Parity(path, [-3, -2, -1, 0], [-2.8, -2.2, -0.9, -0.3], "log S (mol/L)", 0.21, 0.96, "Solubility test set", output),
                    FigureStyle.SquareAspect, ["Solubility test set", "Measured log S (mol/L)", "Predicted log S (mol/L)", "RMSE = 0.21", "y = x"]);
            case "roc":
                return (Figures.Roc(path, [new Series("BBBP (AUC 0.750)", [0, 0, 0.5, 0.5, 1], [0, 0.5, 0.5, 1, 1])], "ROC of model A", output),
                    FigureStyle.SquareAspect, ["ROC of model A", "False positive rate", "True positive rate", "BBBP (AUC 0.750)", "chance"]);
            case "precision_recall":
                return (Figures.PrecisionRecall(path, [new Series("BBBP (PR-AUC 0.800)", [0, 0.5, 0.5, 1], [1, 1, 0.67, 0.5])], [0.5], "PR of model A", output),
                    FigureStyle.SquareAspect, ["PR of model A", "Recall", "Precision", "BBBP (PR-AUC 0.800)"]);
            case "histograms":
                return (Figures.Histograms(path, [("training set", [1, 2, 2, 3, 3, 3, 4]), ("generated", [2, 3, 3, 4])], "Crippen log P", "logP of molecules", output: output),
                    FigureStyle.DefaultAspect, ["logP of molecules", "Crippen log P", "Density", "training set (n = 7)"]);
            case "metric_per_run":
                return (Figures.MetricPerRun(path, [new MetricGroup("scratch", [0.81, 0.75, 0.70], 0.7533, 0.0551), new MetricGroup("pretrained", [0.60, 0.68, 0.74], 0.6733, 0.0702)], "test RMSE", "RMSE across runs", output),
                    FigureStyle.DefaultAspect, ["RMSE across runs", "test RMSE", "scratch", "pretrained", "mean ± sd"]);
            case "contact_map":
                int n = 30;
                var predicted = Enumerable.Range(0, n * n).Select(k => (float)((k % 7) / 7.0)).ToArray();
                var truth = Enumerable.Range(0, n * n).Select(k => (sbyte)(Math.Abs(k / n - k % n) < 3 ? 1 : 0)).ToArray();
                return (ContactFigures.Map(path, n, predicted, truth, "Protein 1ABC", output), FigureStyle.MapAspect, ["Protein 1ABC", "Residue i", "Residue j", "Contact probability"]);
            case "grouped_bars":
                return (ContactFigures.GroupedBars(path, ["short", "long"], [("top L", [0.2, 0.1]), ("top L/5", [0.4, double.NaN])], "Precision", "Contact precision", output: output),
                    FigureStyle.DefaultAspect, ["Contact precision", "Precision", "short", "top L/5"]);
            default:
                throw new ArgumentException(kind);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Figure_AtPrintSettings_IsAValid300DpiPngAndSvgWithItsText(string kind)
    {
        var path = Path.Combine(Repo.TempDirectory(), kind + ".png");
        var (files, aspect, texts) = Draw(kind, path, Print);

        Assert.Equal([Path.ChangeExtension(path, ".png"), Path.ChangeExtension(path, ".svg")], files);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, ".*"));   // no temporary file left behind

        using var bitmap = SKBitmap.Decode(files[0]);
        Assert.NotNull(bitmap);
        var (width, height) = FigureStyle.PixelSize(Print, aspect);
        Assert.Equal(1050, width);   // 3.5 in × 300 dpi
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        Assert.Equal(300, PngDensity.Read(files[0]));
        Assert.True(DarkPixels(bitmap, top: 0, bottom: height / 10) > 200, $"{kind}: no title text in the PNG — are the shipped fonts registered?");

        var svg = XDocument.Load(files[1]);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal("336", svg.Root!.Attribute("width")!.Value);
        Assert.Equal(((int)Math.Round(336 * aspect)).ToString(), svg.Root.Attribute("height")!.Value);
        var words = string.Join("\n", svg.Descendants(ns + "text").Select(t => t.Value.Trim()));
        foreach (var text in texts) Assert.Contains(text, words);
        Assert.DoesNotContain(", \"", File.ReadAllText(files[1]));   // glyph position lists tidied
    }

    [Fact]
    public void DoubleColumn_IsTwiceAsWideWithTheSameLayoutText()
    {
        var path = Path.Combine(Repo.TempDirectory(), "wide.png");
        var output = new FigureOutput(FigureOutput.DoubleColumnInches, 300);
        var files = Figures.LearningCurve(path, [new Series("train", [1, 2], [1.0, 0.5])], "Loss", output: output);
        Assert.Single(files);
        using var bitmap = SKBitmap.Decode(files[0]);
        Assert.Equal(FigureStyle.PixelSize(output, FigureStyle.DefaultAspect), (bitmap.Width, bitmap.Height));
        Assert.InRange(bitmap.Width, 2159, 2160);   // 7.2 in × 300 dpi (691 layout px)
        Assert.Equal(1.0, output.TextScale);
        Assert.Equal(0.8, Print.TextScale);
    }

    [Fact]
    public void PngDensity_ReplacesAnExistingChunk_AndKeepsTheImageReadable()
    {
        var path = Path.Combine(Repo.TempDirectory(), "dpi.png");
        Figures.LearningCurve(path, [new Series("train", [1, 2], [1.0, 0.5])], "Loss");
        Assert.Equal(96, PngDensity.Read(path));
        PngDensity.Set(path, 600);
        Assert.Equal(600, PngDensity.Read(path));
        Assert.Equal(1, System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(path)).Split("pHYs").Length - 1);
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal(640, bitmap.Width);
    }

    [Theory]
    [InlineData(-2, 1, new[] { 0.01, 0.1, 1, 10 })]                           // three decades: decades only
    [InlineData(-0.5, 0.2, new[] { 0.5, 1.0 })]                                // 0.32–1.6: 1-2-5 gives 0.5, 1 … too few, 1…9 used
    [InlineData(-0.1805, -0.1675, new[] { 0.66, 0.67 })]                      // 0.66–0.68: evenly spaced round values
    public void LogTicks_AlwaysLabelTheVisibleRange(double lo, double hi, double[] expectedSubset)
    {
        var ticks = Figures.LogTicks(lo, hi);
        Assert.True(ticks.Count >= 2);
        Assert.All(ticks, t => Assert.InRange(Math.Log10(t), lo - 1e-9, hi + 1e-9));
        foreach (var t in expectedSubset.Where(t => Math.Log10(t) >= lo && Math.Log10(t) <= hi))
            Assert.Contains(ticks, x => Math.Abs(x - t) < 1e-9);
    }

    private static int DarkPixels(SKBitmap bitmap, int top, int bottom)
    {
        int dark = 0;
        for (int y = top; y < bottom; y++)
            for (int x = 0; x < bitmap.Width; x++)
                if (bitmap.GetPixel(x, y) is var c && c.Red < 100 && c.Green < 100 && c.Blue < 100) dark++;
        return dark;
    }

    [Fact]
    public void Figure_AsPdf_IsAOnePageVectorDocumentOfTheFigureSize()
    {
        var path = Path.Combine(Repo.TempDirectory(), "parity.png");
        var files = Figures.Parity(path, [-3, -2, -1, 0], [-2.8, -2.2, -0.9, -0.3], "log S (mol/L)", 0.21, 0.96, "Test set", Print with { Pdf = true });
        var pdf = Assert.Single(files, f => f.EndsWith(".pdf"));
        var text = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(pdf));
        Assert.StartsWith("%PDF-", text);
        Assert.Contains("/Type /Page", text);
        // 3.5 in wide = 252 pt; the height follows the square aspect.
        Assert.Matches(@"/MediaBox \[0 0 252 23\d(\.\d+)?\]", text);
        Assert.Contains("%%EOF", text);
        // Drawn twice, the same bytes (no time stamp).
        var again = Figures.Parity(Path.Combine(Repo.TempDirectory(), "parity.png"), [-3, -2, -1, 0], [-2.8, -2.2, -0.9, -0.3], "log S (mol/L)", 0.21, 0.96, "Test set", Print with { Pdf = true });
        Assert.Equal(File.ReadAllBytes(pdf), File.ReadAllBytes(again.Single(f => f.EndsWith(".pdf"))));
    }

    [Fact]
    public void NegativeTickLabels_UseATrueMinusSign()
    {
        var path = Path.Combine(Repo.TempDirectory(), "parity.png");
        var svg = Figures.Parity(path, [-3, -2, -1, 0], [-2.8, -2.2, -0.9, -0.3], "log S", 0.21, -0.5, "Test set", Print).Single(f => f.EndsWith(".svg"));
        var texts = XDocument.Load(svg).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
        Assert.Contains(texts, t => t.StartsWith('\u2212'));                          // tick labels such as −2
        Assert.DoesNotContain(texts, t => System.Text.RegularExpressions.Regex.IsMatch(t, @"^-\d"));
        Assert.Contains(texts, t => t.Contains("R² = \u22120.5"));                     // the annotation too
        Assert.Equal("0", FigureStyle.NumberLabel(-0.0));
        Assert.Equal("\u22121.5", FigureStyle.NumberLabel(-1.5));
    }
}
