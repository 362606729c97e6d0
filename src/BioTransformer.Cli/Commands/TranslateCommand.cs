using System.CommandLine;
using BioTransformer.Experiments;
using BioTransformer.Experiments.Translation;
using BioTransformer.Modeling;

namespace BioTransformer.Cli.Commands;

internal static class TranslateCommand
{
    public static Command Create(CliIo io)
    {
        var model = new Option<string>("--model", "-m") { Description = "Run directory (or its model/ folder) of a translation run", Required = true };
        var input = new Option<string>("--input", "-i") { Description = "CSV with a header, or .smi: molecules (the source) or reaction SMILES (A.B>>C; the source side is read, the other side marks the correct candidate); .gz accepted; - reads standard input", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Candidates CSV to write: per input row, one row per rank with the input's columns; - writes standard output", Required = true };
        var table = new TableInputOptions();
        var beam = new Option<int>("--beam") { Description = "Beam width", DefaultValueFactory = _ => 10 };
        var top = new Option<int>("--top") { Description = "Candidates written per row (at most --beam)", DefaultValueFactory = _ => 5 };
        var lengthPenalty = new Option<double>("--length-penalty") { Description = "alpha: rank by log P / length^alpha (0 = by probability)", DefaultValueFactory = _ => 0 };
        var classColumn = new Option<string?>("--class-column") { Description = "Column with each row's reaction class, for a model trained with one" };
        var device = new Option<string>("--device") { Description = "auto, cpu or cuda", DefaultValueFactory = _ => "auto" };
        var batch = new Option<int>("--batch-size") { Description = "Inputs decoded together (each with --beam beams)", DefaultValueFactory = _ => 32 };
        var shard = new Option<string?>("--shard") { Description = $"Translate only shard i of N of the rows (blocks of {TranslateJob.BlockRows} rows dealt in turn); merge with merge-predictions" };
        device.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        var command = new Command("translate", "Apply a trained translation model (retrosynthesis, reaction prediction) to molecules or reactions and write each row's top candidates.")
        {
            model, input, output, beam, top, lengthPenalty, classColumn, device, batch, shard,
        };
        table.AddTo(command);
        command.SetAction(parse => BioTransformerCli.Guard(io, () =>
        {
            if (parse.GetValue(batch) < 1) throw new BioTransformer.Core.InputException("--batch-size must be at least 1");
            if (!(parse.GetValue(lengthPenalty) is >= 0 and <= 5)) throw new BioTransformer.Core.InputException("--length-penalty must be between 0 and 5");
            table.ApplyLimits(parse);
            TorchRuntime.SetThreads(parse.GetValue(table.Threads));
            var summary = TranslateJob.Run(new TranslateJob.Request(parse.GetValue(model)!, parse.GetValue(input)!, parse.GetValue(output)!,
                    parse.GetValue(table.Column)!, parse.GetValue(table.SmiHeader), parse.GetValue(beam), parse.GetValue(top), parse.GetValue(lengthPenalty),
                    parse.GetValue(classColumn), parse.GetValue(device)!, parse.GetValue(batch), parse.GetValue(shard) is { } s ? Shard.Parse(s) : null,
                    parse.GetValue(table.Overwrite)),
                new ConsoleReporter(io, parse.GetValue(table.Quiet), parse.GetValue(output)));
            return summary.Translated > 0 || summary.Rows == 0 ? 0 : BioTransformerCli.InputError;
        }));
        return command;
    }
}
