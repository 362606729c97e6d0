using System.CommandLine;
using BioTransformer.Experiments;
using BioTransformer.Experiments.Sweeps;
using Spectre.Console;

namespace BioTransformer.Cli.Commands;

internal static class RunCommand
{
    public static Command Create(CliIo io)
    {
        var console = io.Out;
        var manifest = new ManifestOptions();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the run directory and final metrics" };
        var replicates = new Option<int?>("--replicates") { Description = "Run N replicate seeds (seed, seed+1, ...) and write a summary with mean and sd per metric" };
        var resume = new Option<string?>("--resume") { Description = "Continue an interrupted run in its own directory, from its last checkpoint (no MANIFEST: the run's saved one is used)" };
        var command = new Command("run", "Run an experiment manifest; writes a new run directory (manifest, environment, data hashes, metrics, predictions, model, figures).");
        manifest.AddTo(command);
        manifest.Manifest.Arity = ArgumentArity.ZeroOrOne;
        command.Options.Add(quiet);
        command.Options.Add(replicates);
        command.Options.Add(resume);
        command.SetAction(parse => BioTransformerCli.Guard(io, () =>
        {
            var reporter = new ConsoleReporter(io, parse.GetValue(quiet));
            if (parse.GetValue(resume) is { } runDirectory)
            {
                // A resumed run keeps its own manifest: what would change the run is refused, --threads is honoured (with a warning).
                if (parse.GetValue(manifest.Manifest) is not null || (parse.GetValue(manifest.Set)?.Length ?? 0) > 0 || parse.GetValue(replicates) is not null
                    || parse.GetValue(manifest.Device) is not null || parse.GetValue(manifest.Output) is not null)
                    throw new BioTransformer.Core.InputException("--resume continues a run with the manifest it saved: give no MANIFEST, --set, --device, --output or --replicates with it (--threads is allowed)");
                var resumed = ExperimentRunner.Resume(runDirectory, reporter, parse.GetValue(manifest.Threads));
                console.MarkupLine($"[green]Run directory:[/] {Markup.Escape(resumed.Directory)}");
                return 0;
            }
            if (parse.GetValue(manifest.Manifest) is null)
                throw new BioTransformer.Core.InputException("name a manifest to run (e.g. experiments/esol.toml), or --resume RUN_DIR to continue a run");
            if (SweepPlanner.HasSweep(parse.GetValue(manifest.Manifest)!))
                throw new BioTransformer.Core.InputException($"{parse.GetValue(manifest.Manifest)}: this manifest has a [sweep] table; run it with `biotransformer sweep run` (or `sweep plan` to list its runs)");
            var loaded = manifest.Load(parse);
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
