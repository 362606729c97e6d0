using System.CommandLine;
using BioTransformer.Experiments.Contacts;
using Spectre.Console;

namespace BioTransformer.Cli.Commands;

internal static class ContactsCommand
{
    public static Command Create(CliIo io)
    {
        var console = io.Out;
        var model = new Option<string>("--model", "-m") { Description = "Run directory (or its model/ folder) of a contacts run", Required = true };
        var input = new Option<string>("--input", "-i") { Description = "Proteins: .fasta, structure .jsonl, .pdb or .cif (.gz accepted); with structures, precision is reported", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Folder to write: per protein NAME_probabilities.csv, NAME_top_pairs.csv, NAME_map.png; with structures metrics.json, metrics.csv, contacts_per_protein.csv", Required = true };
        var chain = new Option<string?>("--chain") { Description = "Chain of a PDB/mmCIF file (default: the first protein chain)" };
        var device = new Option<string>("--device") { Description = "auto, cpu or cuda", DefaultValueFactory = _ => "auto" };
        var threads = new Option<int>("--threads") { Description = "CPU threads; 0 = one per core", DefaultValueFactory = _ => 0 };
        var overwrite = new Option<bool>("--overwrite") { Description = "Write into an output folder that already holds files (same-named files are replaced)" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only warnings, errors and the summary (no progress bar)" };
        var shard = new Option<string?>("--shard") { Description = "Only shard i of N of the proteins (protein k goes to shard k mod N + 1); give each shard its own -o and combine the precisions with merge-contacts" };
        device.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        var command = new Command("contacts", "Predict residue contact maps of proteins with a trained contacts model; score them when structures are given.")
        {
            model, input, output, chain, device, threads, shard, quiet, overwrite,
        };
        command.SetAction(parse => BioTransformerCli.Guard(io, () =>
        {
            ContactsSummary? summary = null;
            var reporter = new ConsoleReporter(io, parse.GetValue(quiet));
            var shardValue = parse.GetValue(shard) is { } shardText ? BioTransformer.Experiments.Shard.Parse(shardText) : null;
            ContactsSummary Predict(Action<int, int> progress) => ContactsJob.Run(parse.GetValue(model)!, parse.GetValue(input)!, parse.GetValue(chain),
                parse.GetValue(output)!, parse.GetValue(device)!, parse.GetValue(threads), reporter, progress, shardValue, parse.GetValue(overwrite));
            if (parse.GetValue(quiet)) summary = Predict((_, _) => { });
            else
                io.Err.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .Start(context =>
                    {
                        var task = context.AddTask("Predicting contacts", maxValue: 1);
                        summary = Predict((done, total) =>
                        {
                            task.MaxValue = total;
                            task.Value = done;
                        });
                    });
            var s = summary!;
            console.MarkupLine(Markup.Escape($"Wrote contact maps of {s.Proteins} protein(s) to {s.OutputDirectory}" +
                                             (s.WithStructure > 0 ? $"; precision over {s.WithStructure} structure(s) in metrics.json" : "")));
            return 0;
        }));
        return command;
    }

    /// <summary>`merge-contacts -o OUT SHARD_DIR...`: one precision table and its means from the folders of `contacts --shard`.</summary>
    public static Command Merge(CliIo io)
    {
        var console = io.Out;
        var output = new Option<string>("--output", "-o") { Description = "Folder for the merged contacts_per_protein.csv and metrics.csv", Required = true };
        var shards = new Argument<string[]>("shards") { Description = "The output folders of contacts --shard i/N", Arity = ArgumentArity.OneOrMore };
        var overwrite = new Option<bool>("--overwrite") { Description = "Write into an output folder that already holds files" };
        var command = new Command("merge-contacts", "Merge the precision tables of contacts --shard i/N folders and recompute the means over all proteins.") { output, shards, overwrite };
        command.SetAction(parse => BioTransformerCli.Guard(io, () =>
        {
            int proteins = ContactsJob.MergeShards(parse.GetValue(output)!, parse.GetValue(shards)!, parse.GetValue(overwrite));
            console.MarkupLine(Markup.Escape($"Merged the precisions of {proteins} proteins into {parse.GetValue(output)}"));
            return 0;
        }));
        return command;
    }
}
