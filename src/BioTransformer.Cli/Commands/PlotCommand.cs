using System.CommandLine;
using BioTransformer.Experiments.Reports;
using Spectre.Console;

namespace BioTransformer.Cli.Commands;

internal static class PlotCommand
{
    public static Command Create(CliIo io)
    {
        var console = io.Out;
        var runs = FigureOptions.Runs("Run directories (or replicate summary directories) to draw");
        var output = new Option<string?>("--output", "-o") { Description = "Folder for the figures (one sub-folder per run); default with one run: RUN/figures/print" };
        var figure = new FigureOptions();
        var command = new Command("plot", "Redraw every figure of saved runs from their CSVs (no retraining) as 300-dpi PNG and SVG, and compare runs on a metric.")
        {
            runs, output,
        };
        figure.AddTo(command);
        command.SetAction(parse => BioTransformerCli.Guard(io, () =>
        {
            var request = new PlotJob.Request(parse.GetValue(runs)!, parse.GetValue(output), figure.Output(parse), parse.GetValue(figure.LogLoss), parse.GetValue(figure.Metrics) ?? []);
            var figures = PlotJob.Run(request, new ConsoleReporter(io, quiet: false));
            console.MarkupLine(Markup.Escape($"Wrote {figures.Sum(f => f.Files.Count)} files ({figures.Count} figures)"));
            return 0;
        }));
        return command;
    }
}
