using System.CommandLine;
using BioTransformer.Experiments;
using Spectre.Console;

namespace BioTransformer.Cli.Commands;

internal static class RunCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var manifest = new ManifestOptions();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the run directory and final metrics" };
        var command = new Command("run", "Run an experiment manifest; writes a new run directory (manifest, environment, data hashes, metrics, predictions, model, figures).");
        manifest.AddTo(command);
        command.Options.Add(quiet);
        command.SetAction(parse => BioTransformerCli.Guard(console, () =>
        {
            var loaded = manifest.Load(parse);
            var result = ExperimentRunner.Run(loaded, new ConsoleReporter(console, parse.GetValue(quiet)));
            console.MarkupLine($"[green]Run directory:[/] {Markup.Escape(result.Directory)}");
            return 0;
        }));
        return command;
    }
}
