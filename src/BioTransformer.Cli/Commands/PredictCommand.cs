using System.CommandLine;
using BioTransformer.Experiments;
using BioTransformer.Experiments.Property;
using Spectre.Console;

namespace BioTransformer.Cli.Commands;

internal static class PredictCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var model = new Option<string>("--model", "-m") { Description = "Run directory (or its model/ folder) of a property run", Required = true };
        var input = new Option<string>("--input", "-i") { Description = "CSV with a header, or .smi (one SMILES a line); .gz accepted", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Predictions CSV to write", Required = true };
        var column = new Option<string>("--column") { Description = "Sequence column of a CSV input", DefaultValueFactory = _ => "smiles" };
        var device = new Option<string>("--device") { Description = "auto, cpu or cuda", DefaultValueFactory = _ => "auto" };
        var batch = new Option<int>("--batch-size") { Description = "Sequences per forward pass", DefaultValueFactory = _ => 128 };
        var shard = new Option<string?>("--shard") { Description = "Predict only shard i of N of the rows (e.g. 3/16: blocks of 4,096 rows dealt in turn); merge the outputs with merge-predictions" };
        device.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        var command = new Command("predict", "Apply a trained property model to a CSV or .smi file and write a predictions CSV (one row per input row).")
        {
            model, input, output, column, device, batch, shard,
        };
        command.SetAction(parse => BioTransformerCli.Guard(console, () =>
        {
            if (parse.GetValue(batch) < 1) throw new BioTransformer.Core.InputException("--batch-size must be at least 1");
            var summary = PropertyPrediction.Run(parse.GetValue(model)!, parse.GetValue(input)!, parse.GetValue(column)!, parse.GetValue(output)!,
                parse.GetValue(device)!, parse.GetValue(batch), new ConsoleReporter(console, quiet: false),
                parse.GetValue(shard) is { } s ? Shard.Parse(s) : null);
            return summary.Predicted > 0 || summary.Rows == 0 ? 0 : BioTransformerCli.InputError;
        }));
        return command;
    }

    /// <summary>`merge-predictions -o OUT.csv SHARD.csv...`: the shards of a sharded predict (or generate), back in order.</summary>
    public static Command Merge(IAnsiConsole console)
    {
        var output = new Option<string>("--output", "-o") { Description = "Merged predictions CSV", Required = true };
        var shards = new Argument<string[]>("shards") { Description = "The outputs of predict or generate --shard i/N (any order)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("merge-predictions", "Merge the outputs of predict (or generate) --shard i/N into one file in input order (streaming, constant memory).") { output, shards };
        command.SetAction(parse => BioTransformerCli.Guard(console, () =>
        {
            long rows = PredictionShards.Merge(parse.GetValue(output)!, parse.GetValue(shards)!);
            console.MarkupLine(Markup.Escape($"Wrote {rows:N0} rows to {parse.GetValue(output)}"));
            return 0;
        }));
        return command;
    }
}
