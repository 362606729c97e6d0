using BioTransformer.Plotting;
using SkiaSharp;

namespace BioTransformer.Tests.Plotting;

public class FigureTests
{
    /// <summary>Dark pixels in a band of the image: text (title, axis labels) draws them; an empty band has none.</summary>
    private static int DarkPixels(string png, Func<int, int, bool> inBand)
    {
        using var bitmap = SKBitmap.Decode(png);
        int dark = 0;
        for (int y = 0; y < bitmap.Height; y++)
            for (int x = 0; x < bitmap.Width; x++)
                if (inBand(x, y) && bitmap.GetPixel(x, y) is var c && c.Red < 100 && c.Green < 100 && c.Blue < 100) dark++;
        return dark;
    }

    [Fact]
    public void LearningCurve_IsAPngOfTheStandardSize_WithATitle()
    {
        var path = Path.Combine(Repo.TempDirectory(), "curve.png");
        Figures.LearningCurve(path, [new Series("train", [1, 2, 3], [1.0, 0.5, 0.3]), new Series("validation", [1, 2, 3], [1.1, double.NaN, 0.4])], "Loss");
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal((640, 480), (bitmap.Width, bitmap.Height));
        Assert.True(DarkPixels(path, (_, y) => y < 30) > 50, "no title text was drawn: are the shipped fonts registered?");
    }

    [Fact]
    public void Parity_AndRoc_AreWrittenWithAxisLabels()
    {
        var dir = Repo.TempDirectory();
        var parity = Path.Combine(dir, "parity.png");
        Figures.Parity(parity, [1, 2, 3, 4], [1.2, 1.8, 3.3, 3.9], "logS", 0.2, 0.96, "Test set");
        var roc = Path.Combine(dir, "roc.png");
        Figures.Roc(roc, [new Series("y (AUC 0.750)", [0, 0, 0.5, 0.5, 1], [0, 0.5, 0.5, 1, 1])], "ROC");
        foreach (var png in new[] { parity, roc })
        {
            using var bitmap = SKBitmap.Decode(png);
            Assert.True(DarkPixels(png, (_, y) => y > bitmap.Height - 25) > 50, $"{png}: no x-axis label");
        }
    }

    [Fact]
    public void PrecisionRecall_IsWrittenWithAxisLabelsAndTitle()
    {
        var path = Path.Combine(Repo.TempDirectory(), "pr.png");
        Figures.PrecisionRecall(path, [new Series("y (PR-AUC 0.800)", [0, 0.5, 0.5, 1], [1, 1, 0.67, 0.5])], [0.5], "PR");
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal(FigureStyle.PixelSize(FigureOutput.Screen, FigureStyle.SquareAspect), (bitmap.Width, bitmap.Height));
        Assert.True(DarkPixels(path, (_, y) => y > bitmap.Height - 25) > 50, "no x-axis label");
        Assert.True(DarkPixels(path, (_, y) => y < 30) > 50, "no title");
    }
}
