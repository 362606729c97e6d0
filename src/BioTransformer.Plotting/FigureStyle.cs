using ScottPlot;

namespace BioTransformer.Plotting;

/// <summary>
/// The one look of every figure: the shipped DejaVu Sans font (registered from the Fonts folder beside
/// the assembly, so text renders on machines with no system fonts), the Okabe-Ito colour-blind-safe
/// palette, text sized for the output, and atomic PNG/SVG writing.
/// </summary>
public static class FigureStyle
{
    public const string FontName = "DejaVu Sans";

    /// <summary>Height over width of line and bar figures.</summary>
    public const double DefaultAspect = 0.75;

    /// <summary>Height over width of figures whose two axes share a range (parity, ROC, precision–recall).</summary>
    public const double SquareAspect = 0.92;

    /// <summary>Height over width of a contact map with its colour bar (the map itself about square).</summary>
    public const double MapAspect = 0.89;

    /// <summary>The PNG's size in pixels for an output and aspect (the SVG's is the same at 96 dpi).</summary>
    public static (int Width, int Height) PixelSize(FigureOutput output, double aspect)
    {
        double scale = output.Dpi / FigureOutput.LayoutDpi;
        int width = output.LayoutWidth, height = (int)Math.Round(width * aspect);
        return ((int)Math.Round(width * scale), (int)Math.Round(height * scale));
    }

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

    /// <summary>A new plot with the shared font and text sizes for <paramref name="output"/>.</summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel, FigureOutput output)
    {
        EnsureFonts();
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title, size: TitleSize(title, output));
        plot.XLabel(xLabel, size: output.Font(14));
        plot.YLabel(yLabel, size: output.Font(14));
        plot.Axes.Bottom.TickLabelStyle.FontSize = output.Font(12);
        plot.Axes.Left.TickLabelStyle.FontSize = output.Font(12);
        plot.Axes.Bottom.TickGenerator = NumericTicks(output);
        plot.Axes.Left.TickGenerator = NumericTicks(output);
        plot.Legend.FontSize = output.Font(12);
        return plot;
    }

    /// <summary>
    /// Numeric ticks labelled with a true minus sign (U+2212, as typesetting uses; the hyphen ScottPlot writes
    /// is shorter and reads as a dash in print), and spaced for the output's width: a single column gets about
    /// five labels per axis, not the eight or nine that crowd 89 mm.
    /// </summary>
    public static ScottPlot.TickGenerators.NumericAutomatic NumericTicks(FigureOutput output, bool integersOnly = false) => new()
    {
        LabelFormatter = NumberLabel,
        TickDensity = output.WidthInches < 5 ? 0.6 : 1.0,
        IntegerTicksOnly = integersOnly,
    };

    /// <summary>A tick or annotation number: up to 6 significant digits, invariant culture, a true minus sign.</summary>
    public static string NumberLabel(double value)
    {
        if (value == 0) return "0";   // no "−0"
        var text = Math.Round(value, 10).ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
        return text.Replace('-', '\u2212');
    }

    /// <summary>
    /// The title's font size, shrunk (to no less than 70%) when the title would be wider than the figure:
    /// DejaVu Sans averages about 0.6 em per character.
    /// </summary>
    private static float TitleSize(string title, FigureOutput output)
    {
        float size = output.Font(16);
        double widest = title.Split('\n').Max(line => line.Length) * 0.6 * size;
        double room = output.LayoutWidth - 16;
        return widest <= room ? size : (float)Math.Max(size * 0.7, size * room / widest);
    }

    /// <summary>
    /// Writes the figure in each format <paramref name="output"/> asks for, beside <paramref name="path"/>
    /// with its extension replaced (.png, .svg, .pdf), each via a temporary file so a crash never leaves a
    /// half-written image. Returns the files written.
    /// </summary>
    /// <param name="aspect">Height over width.</param>
    public static IReadOnlyList<string> Save(Plot plot, string path, FigureOutput output, double aspect = DefaultAspect)
    {
        int width = output.LayoutWidth, height = (int)Math.Round(width * aspect);
        var written = new List<string>();
        if (output.Png)
        {
            var (pixelWidth, pixelHeight) = PixelSize(output, aspect);
            written.Add(WriteAtomically(Path.ChangeExtension(path, ".png"), temp =>
            {
                plot.ScaleFactor = output.Dpi / FigureOutput.LayoutDpi;
                plot.SavePng(temp, pixelWidth, pixelHeight);
                PngDensity.Set(temp, output.Dpi);
            }));
        }
        if (output.Svg)
        {
            written.Add(WriteAtomically(Path.ChangeExtension(path, ".svg"), temp =>
            {
                plot.ScaleFactor = 1;
                plot.SaveSvg(temp, width, height);
                File.WriteAllText(temp, TidySvg(File.ReadAllText(temp)));
            }));
        }
        if (output.Pdf)
        {
            written.Add(WriteAtomically(Path.ChangeExtension(path, ".pdf"), temp =>
            {
                plot.ScaleFactor = 1;
                // PDF units are points (1/72 in); the layout is in CSS pixels (1/96 in).
                float scale = (float)(72.0 / FigureOutput.LayoutDpi);
                using var stream = File.Create(temp);
                using var document = SkiaSharp.SKDocument.CreatePdf(stream, new SkiaSharp.SKDocumentPdfMetadata
                {
                    Title = Path.GetFileNameWithoutExtension(path),
                    Creator = "BioTransformer",
                    RasterDpi = output.Dpi,
                    // A fixed date keeps the file identical when the same data are drawn again.
                    Creation = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                    Modified = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                });
                var canvas = document.BeginPage(width * scale, height * scale);
                canvas.Scale(scale);
                plot.Render(canvas, width, height);
                document.EndPage();
                document.Close();
            }));
        }
        plot.ScaleFactor = 1;
        return written;
    }

    /// <summary>
    /// Skia writes per-glyph positions with a trailing separator (x="1, 2, "), which strict SVG readers
    /// (Inkscape, librsvg) reject; the lists are trimmed. Its clip-path ids count up across the process
    /// ("cl_17c"), so the same figure drawn twice would differ: they are renumbered in order of appearance.
    /// </summary>
    private static string TidySvg(string svg)
    {
        svg = System.Text.RegularExpressions.Regex.Replace(svg, "( [xy]=\"[^\"]*?)[,\\s]+\"", "$1\"");
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        return System.Text.RegularExpressions.Regex.Replace(svg, "\\bcl_[0-9a-z]+\\b", m =>
        {
            if (!ids.TryGetValue(m.Value, out var id)) ids[m.Value] = id = $"cl_{ids.Count + 1}";
            return id;
        });
    }

    private static string WriteAtomically(string path, Action<string> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileNameWithoutExtension(path)}.{Environment.ProcessId}.tmp{Path.GetExtension(path)}");
        try
        {
            write(temp);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return path;
    }
}
