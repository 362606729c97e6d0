using System.CommandLine;
using BioTransformer.Experiments;
using BioTransformer.Experiments.Property;
using BioTransformer.Modeling;
using Spectre.Console;

namespace BioTransformer.Cli.Commands;

internal static class PredictCommand
{
    public static Command Create(CliIo io)
    {
        var model = new Option<string>("--model", "-m") { Description = "Run directory (or its model/ folder) of a property run", Required = true };
        var input = new Option<string>("--input", "-i") { Description = "CSV with a header, or .smi (one SMILES a line, optional name after whitespace); .gz accepted; - reads standard input (CSV)", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Predictions CSV to write (every input column, then the predictions); - writes standard output", Required = true };
        var table = new TableInputOptions();
        var device = new Option<string>("--device") { Description = "auto, cpu or cuda", DefaultValueFactory = _ => "auto" };
        var batch = new Option<int>("--batch-size") { Description = "Sequences per forward pass", DefaultValueFactory = _ => 128 };
        var shard = new Option<string?>("--shard") { Description = "Predict only shard i of N of the rows (e.g. 3/16: blocks of 4,096 rows dealt in turn); merge the outputs with merge-predictions" };
        device.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        var command = new Command("predict", "Apply a trained property model to a CSV or .smi file and write a predictions CSV: one row per input row, every input column kept.")
        {
            model, input, output, device, batch, shard,
        };
        table.AddTo(command);
        command.SetAction(parse => BioTransformerCli.Guard(io, () =>
        {
            if (parse.GetValue(batch) < 1) throw new BioTransformer.Core.InputException("--batch-size must be at least 1");
            table.ApplyLimits(parse);
            TorchRuntime.SetThreads(parse.GetValue(table.Threads));
            var summary = PropertyPrediction.Run(parse.GetValue(model)!,
                new PredictionInput(parse.GetValue(input)!, parse.GetValue(table.Column)!, parse.GetValue(table.SmiHeader)), parse.GetValue(output)!,
                parse.GetValue(device)!, parse.GetValue(batch), new ConsoleReporter(io, parse.GetValue(table.Quiet), parse.GetValue(output)),
                parse.GetValue(shard) is { } s ? Shard.Parse(s) : null, parse.GetValue(table.Overwrite));
            return summary.Predicted > 0 || summary.Rows == 0 ? 0 : BioTransformerCli.InputError;
        }));
        return command;
    }

    /// <summary>`merge-predictions -o OUT.csv SHARD.csv...`: the shards of a sharded predict (or generate), back in order.</summary>
    public static Command Merge(CliIo io)
    {
        var output = new Option<string>("--output", "-o") { Description = "Merged predictions CSV", Required = true };
        var shards = new Argument<string[]>("shards") { Description = "The outputs of predict or generate --shard i/N (any order)", Arity = ArgumentArity.OneOrMore };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the output file if it exists" };
        var command = new Command("merge-predictions", "Merge the outputs of predict (or generate) --shard i/N into one file in input order (streaming, constant memory).") { output, shards, overwrite };
        command.SetAction(parse => BioTransformerCli.Guard(io, () =>
        {
            long rows = PredictionShards.Merge(parse.GetValue(output)!, parse.GetValue(shards)!, parse.GetValue(overwrite));
            io.Out.MarkupLine(Markup.Escape($"Wrote {rows:N0} rows to {parse.GetValue(output)}"));
            return 0;
        }));
        return command;
    }
}
