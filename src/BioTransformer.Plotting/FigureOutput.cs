namespace BioTransformer.Plotting;

/// <summary>
/// How a figure is written: its printed width, the resolution of the PNG and which formats. Layout is
/// done in CSS pixels (1/96 inch, ScottPlot's unit at scale 1), so a width in inches fixes the layout and
/// the dpi only multiplies the PNG's pixels: a 300-dpi PNG and the SVG of one figure look the same.
/// </summary>
/// <param name="WidthInches">Printed width; the height follows from each figure's aspect ratio.</param>
/// <param name="Dpi">PNG resolution, also recorded in the PNG's pHYs chunk so layout programs place it at size.</param>
/// <param name="Png">Write a PNG.</param>
/// <param name="Svg">Write an SVG (vector; text stays text, in DejaVu Sans).</param>
/// <param name="Pdf">Write a PDF (vector, fonts embedded; what LaTeX and most journals take).</param>
public sealed record FigureOutput(double WidthInches, int Dpi, bool Png = true, bool Svg = false, bool Pdf = false)
{
    /// <summary>Layout units per inch (CSS pixels).</summary>
    public const double LayoutDpi = 96;

    /// <summary>A 640 px wide PNG at 96 dpi, for quick looks and tests of pixel layout.</summary>
    public static FigureOutput Screen { get; } = new(640 / LayoutDpi, 96);

    /// <summary>
    /// The figures a run writes into its folder, and `plot`'s default: one journal column, 300-dpi PNG and
    /// a vector SVG — ready for a paper as they are.
    /// </summary>
    public static FigureOutput Print { get; } = new(SingleColumnInches, 300, Png: true, Svg: true);

    /// <summary>One journal column: 89 mm (3.5 in), the width Nature, Cell Press, ACS and Elsevier share.</summary>
    public const double SingleColumnInches = 3.5;

    /// <summary>Full page width: 183 mm (7.2 in).</summary>
    public const double DoubleColumnInches = 7.2;

    /// <summary>The width named on the command line: "single", "double", or a number of inches.</summary>
    public static double ParseWidth(string width) => width switch
    {
        "single" => SingleColumnInches,
        "double" => DoubleColumnInches,
        _ when double.TryParse(width, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var inches) && inches is >= 1 and <= 20 => inches,
        _ => throw new ArgumentException($"figure width '{width}' is not 'single', 'double' or a number of inches between 1 and 20"),
    };

    /// <summary>Layout width in CSS pixels.</summary>
    public int LayoutWidth => (int)Math.Round(WidthInches * LayoutDpi);

    /// <summary>
    /// Text scale: 1 at page width and on screen (a 12 px tick label prints at 9 pt), 0.8 in a single
    /// column so labels fit and still print at 7–10 pt, above the 6–7 pt minimum journals ask for.
    /// </summary>
    public double TextScale => WidthInches < 5 ? 0.8 : 1.0;

    /// <summary>A font size (CSS px at page width) scaled for this output.</summary>
    public float Font(double size) => (float)(size * TextScale);
}
