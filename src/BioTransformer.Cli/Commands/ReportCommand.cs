using System.CommandLine;
using BioTransformer.Experiments.Reports;
using Spectre.Console;

namespace BioTransformer.Cli.Commands;

internal static class ReportCommand
{
    public static Command Create(CliIo io)
    {
        var console = io.Out;
        var runs = FigureOptions.Runs("Run directories (or replicate summary directories) to report");
        var output = new Option<string>("--output", "-o") { Description = "Folder for report.md, report.html and figures/", Required = true };
        var figure = new FigureOptions();
        var command = new Command("report", "Write a Markdown and a self-contained HTML report of saved runs: metrics (mean ± sd over seeds), figures, data hashes, environment, manifest.")
        {
            runs, output,
        };
        figure.AddTo(command);
        command.SetAction(parse => BioTransformerCli.Guard(io, () =>
        {
            var request = new ReportJob.Request(parse.GetValue(runs)!, parse.GetValue(output)!, figure.Output(parse), parse.GetValue(figure.LogLoss), parse.GetValue(figure.Metrics) ?? []);
            var (markdown, html) = ReportJob.Run(request, new ConsoleReporter(io, quiet: false));
            console.MarkupLine(Markup.Escape($"Wrote {markdown} and {html}"));
            return 0;
        }));
        return command;
    }
}
