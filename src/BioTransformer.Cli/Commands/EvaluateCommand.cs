using System.CommandLine;
using BioTransformer.Experiments;
using Spectre.Console;

namespace BioTransformer.Cli.Commands;

internal static class EvaluateCommand
{
    public static Command Create(CliIo io)
    {
        var console = io.Out;
        var model = new Option<string>("--model", "-m") { Description = "Run directory (or its model/ folder) of any task", Required = true };
        var data = new Option<string>("--data", "-d") { Description = "Labelled file the task reads: CSV/.smi (property, generation, mlm), FASTA (mlm), structure .jsonl/.pdb/.cif (contacts)", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Folder to write metrics.json and metrics.csv (contacts: also contacts_per_protein.csv)", Required = true };
        var column = new Option<string?>("--column") { Description = "Sequence column of a CSV (default: the training run's data.sequence_column, else smiles)" };
        var targets = new Option<string[]>("--target-column") { Description = "Label column(s) of a property model's targets in this file, in the model's order (default: columns named like the targets)", AllowMultipleArgumentsPerToken = true };
        var overwrite = new Option<bool>("--overwrite") { Description = "Write into an output folder that already holds files (metrics.json and metrics.csv are replaced)" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only warnings, errors and the metrics" };
        var device = new Option<string>("--device") { Description = "auto, cpu or cuda", DefaultValueFactory = _ => "auto" };
        var threads = new Option<int>("--threads") { Description = "CPU threads; 0 = one per core", DefaultValueFactory = _ => 0 };
        var batch = new Option<int>("--batch-size") { Description = "Sequences per forward pass", DefaultValueFactory = _ => 64 };
        device.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        var command = new Command("evaluate", "Score a trained model of any task on a labelled file: the task's metrics as JSON and CSV.")
        {
            model, data, output, column, targets, device, threads, batch, quiet, overwrite,
        };
        command.SetAction(parse => BioTransformerCli.Guard(io, () =>
        {
            if (parse.GetValue(batch) < 1) throw new BioTransformer.Core.InputException("--batch-size must be at least 1");
            var request = new EvaluateJob.Request(parse.GetValue(model)!, parse.GetValue(data)!, parse.GetValue(output)!, parse.GetValue(column),
                parse.GetValue(device)!, parse.GetValue(threads), parse.GetValue(batch), parse.GetValue(targets) is { Length: > 0 } t ? t : null, parse.GetValue(overwrite));
            EvaluateJob.Run(request, new ConsoleReporter(io, parse.GetValue(quiet)));
            console.MarkupLine(Markup.Escape($"Wrote {Path.Combine(request.OutputDirectory, EvaluationOutput.JsonFile)} and {EvaluationOutput.CsvFile}"));
            return 0;
        }));
        return command;
    }
}
