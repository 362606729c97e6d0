namespace BioTransformer.Experiments.Reports;

/// <summary>One figure as written: its files (PNG and/or SVG) and a caption saying what it shows.</summary>
public sealed record FigureFile(string Caption, IReadOnlyList<string> Files)
{
    /// <summary>The PNG, if one was written (reports embed it), else the first file.</summary>
    public string Image => Files.FirstOrDefault(f => f.EndsWith(".png", StringComparison.Ordinal)) ?? Files[0];
}
