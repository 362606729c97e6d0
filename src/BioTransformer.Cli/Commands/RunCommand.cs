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
        var replicates = new Option<int?>("--replicates") { Description = "Run N replicate seeds (seed, seed+1, ...) and write a summary with mean and sd per metric" };
        var command = new Command("run", "Run an experiment manifest; writes a new run directory (manifest, environment, data hashes, metrics, predictions, model, figures).");
        manifest.AddTo(command);
        command.Options.Add(quiet);
        command.Options.Add(replicates);
        command.SetAction(parse => BioTransformerCli.Guard(console, () =>
        {
            var loaded = manifest.Load(parse);
            var reporter = new ConsoleReporter(console, parse.GetValue(quiet));
            var seeds = loaded.Seeds;
            if (parse.GetValue(replicates) is { } count)
            {
                if (count < 1) throw new BioTransformer.Core.InputException("--replicates must be at least 1");
                if (seeds.Count > 0) throw new BioTransformer.Core.InputException($"{loaded.SourcePath}: the manifest lists seeds already; drop --replicates or the seeds key");
                seeds = Replicates.Consecutive(loaded.Seed, count);
            }
            if (seeds.Count > 0)
            {
                var series = Replicates.Run(loaded, seeds, reporter);
                console.MarkupLine($"[green]Replicate summary:[/] {Markup.Escape(Path.Combine(series.SummaryDirectory, Replicates.SummaryCsv))}");
                return 0;
            }
            var result = ExperimentRunner.Run(loaded, reporter);
            console.MarkupLine($"[green]Run directory:[/] {Markup.Escape(result.Directory)}");
            return 0;
        }));
        return command;
    }
}
