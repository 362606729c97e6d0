using ScottPlot;

namespace BioTransformer.Plotting;

/// <summary>
/// The one look of every figure: the shipped DejaVu Sans font (registered from the Fonts folder beside
/// the assembly, so text renders on machines with no system fonts), the Okabe-Ito colour-blind-safe
/// palette, and sizes for screen PNGs.
/// </summary>
public static class FigureStyle
{
    public const string FontName = "DejaVu Sans";
    public const int Width = 640;
    public const int Height = 480;

    /// <summary>Okabe &amp; Ito (2008) palette, distinguishable with common colour-vision deficiencies.</summary>
    public static IReadOnlyList<Color> Palette { get; } =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#D55E00"), Color.FromHex("#009E73"), Color.FromHex("#CC79A7"),
        Color.FromHex("#E69F00"), Color.FromHex("#56B4E9"), Color.FromHex("#F0E442"), Color.FromHex("#000000"),
    ];

    private static readonly Lock Gate = new();
    private static bool registered;

    /// <summary>Registers the shipped fonts with ScottPlot once per process.</summary>
    public static void EnsureFonts()
    {
        lock (Gate)
        {
            if (registered) return;
            var folder = Path.Combine(AppContext.BaseDirectory, "Fonts");
            var regular = Path.Combine(folder, "DejaVuSans.ttf");
            var bold = Path.Combine(folder, "DejaVuSans-Bold.ttf");
            if (!File.Exists(regular) || !File.Exists(bold))
                throw new FileNotFoundException($"the figure fonts are missing from {folder}; rebuild the project so they are copied");
            Fonts.AddFontFile(FontName, regular, bold: false, italic: false);
            Fonts.AddFontFile(FontName, bold, bold: true, italic: false);
            Fonts.Default = FontName;
            registered = true;
        }
    }

    /// <summary>A new plot with the shared font and sizes applied.</summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        EnsureFonts();
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title, size: 16);
        plot.XLabel(xLabel, size: 14);
        plot.YLabel(yLabel, size: 14);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        return plot;
    }

    /// <summary>Saves a PNG via a temporary file, so a crash never leaves a half-written image.</summary>
    public static void SavePng(Plot plot, string path, int width = Width, int height = Height)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileNameWithoutExtension(path)}.{Environment.ProcessId}.tmp.png");
        try
        {
            plot.SavePng(temp, width, height);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
