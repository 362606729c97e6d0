using BioTransformer.Plotting;
using SkiaSharp;

namespace BioTransformer.Tests.Plotting;

public class ContactFigureTests
{
    private static bool Bright(SKColor c) => c.Red > 180 && c.Green > 180 && c.Blue < 120;    // viridis at 1 (yellow)

    private static bool DarkViolet(SKColor c) => c.Red < 100 && c.Green < 60 && c.Blue > 60;  // viridis at 0

    [Fact]
    public void Map_PredictionAboveTheDiagonal_TruthBelow_ResidueOneTopLeft()
    {
        // Prediction 1 everywhere, truth 0 everywhere: the upper-right triangle must be yellow, the lower-left violet.
        int n = 40;
        var predicted = Enumerable.Repeat(1f, n * n).ToArray();
        var truth = new sbyte[n * n];
        var path = Path.Combine(Repo.TempDirectory(), "map.png");
        ContactFigures.Map(path, n, predicted, truth, "test protein");
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal(FigureStyle.PixelSize(FigureOutput.Screen, FigureStyle.MapAspect), (bitmap.Width, bitmap.Height));
        // Sample inside the plot area: the map spans roughly the middle of the image.
        int w = bitmap.Width, h = bitmap.Height;
        Assert.True(Bright(bitmap.GetPixel(w * 60 / 100, h * 25 / 100)), $"upper right is not the prediction: {bitmap.GetPixel(w * 60 / 100, h * 25 / 100)}");
        Assert.True(DarkViolet(bitmap.GetPixel(w * 20 / 100, h * 75 / 100)), $"lower left is not the truth: {bitmap.GetPixel(w * 20 / 100, h * 75 / 100)}");
    }

    [Fact]
    public void GroupedBars_WritesAPngWithTitle()
    {
        var path = Path.Combine(Repo.TempDirectory(), "bars.png");
        ContactFigures.GroupedBars(path, ["short", "medium", "long"], [("top L", [0.2, 0.1, double.NaN]), ("top L/5", [0.4, 0.3, 0.2])], "Precision", "Contacts");
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal(FigureStyle.PixelSize(FigureOutput.Screen, FigureStyle.DefaultAspect), (bitmap.Width, bitmap.Height));
        int dark = 0;
        for (int y = 0; y < 30; y++)
            for (int x = 0; x < bitmap.Width; x++)
                if (bitmap.GetPixel(x, y) is var c && c.Red < 100 && c.Green < 100 && c.Blue < 100) dark++;
        Assert.True(dark > 50, "no title text");
    }
}
