using System.CommandLine;
using BioTransformer.Core;
using BioTransformer.Plotting;

namespace BioTransformer.Cli.Commands;

/// <summary>The figure options `plot` and `report` share: width, resolution, formats, log-scale loss, metrics to compare.</summary>
internal sealed class FigureOptions
{
    public Option<string> Width { get; } = new("--width") { Description = "single (89 mm), double (183 mm) or a width in inches", DefaultValueFactory = _ => "single" };
    public Option<int> Dpi { get; } = new("--dpi") { Description = "PNG resolution (dots per inch)", DefaultValueFactory = _ => 300 };
    public Option<string[]> Formats { get; } = new("--format") { Description = "png, svg, pdf, or several", DefaultValueFactory = _ => ["png", "svg"], AllowMultipleArgumentsPerToken = true };
    public Option<bool> LogLoss { get; } = new("--log-loss") { Description = "Log-scale y axis on learning curves" };
    public Option<string[]> Metrics { get; } = new("--metric") { Description = "Metric to compare across runs, as a path into metrics.json (e.g. splits.test.mean.rmse); repeatable; default: each task's headline metric", AllowMultipleArgumentsPerToken = true };

    public static Argument<string[]> Runs(string description) => new("runs") { Description = description, Arity = ArgumentArity.OneOrMore };

    public void AddTo(Command command)
    {
        Formats.AcceptOnlyFromAmong("png", "svg", "pdf");
        foreach (var option in new Option[] { Width, Dpi, Formats, LogLoss, Metrics }) command.Options.Add(option);
    }

    public FigureOutput Output(ParseResult parse)
    {
        double width;
        try
        {
            width = FigureOutput.ParseWidth(parse.GetValue(Width)!);
        }
        catch (ArgumentException e)
        {
            throw new InputException($"--width: {e.Message}");
        }
        int dpi = parse.GetValue(Dpi);
        if (dpi is < 72 or > 1200) throw new InputException($"--dpi {dpi} is outside 72–1200; print figures are usually 300 (600 for line art)");
        var formats = parse.GetValue(Formats) ?? [];
        return new FigureOutput(width, dpi, formats.Contains("png"), formats.Contains("svg"), formats.Contains("pdf"));
    }
}
