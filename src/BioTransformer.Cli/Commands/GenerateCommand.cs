using System.CommandLine;
using BioTransformer.Experiments.Generation;
using BioTransformer.Modeling.Generation;
using Spectre.Console;

namespace BioTransformer.Cli.Commands;

internal static class GenerateCommand
{
    public static Command Create(CliIo io)
    {
        var console = io.Out;
        var model = new Option<string>("--model", "-m") { Description = "Run directory (or its model/ folder) of a generation run", Required = true };
        var count = new Option<int>("-n") { Description = "Molecules to write (with filters: that pass them)", DefaultValueFactory = _ => 10_000 };
        var output = new Option<string>("--output", "-o") { Description = "CSV to write: index, smiles, valid, canonical_smiles, novel, finished, condition, molecular_weight, logp, tpsa, qed", Required = true };
        var temperature = new Option<double>("--temperature") { Description = "Sampling temperature (< 1 sharper, > 1 flatter)", DefaultValueFactory = _ => 1.0 };
        var topK = new Option<int>("--top-k") { Description = "Sample from the k most likely tokens; 0 = all", DefaultValueFactory = _ => 0 };
        var topP = new Option<double>("--top-p") { Description = "Nucleus sampling threshold; 1 = off", DefaultValueFactory = _ => 1.0 };
        var maxLength = new Option<int>("--max-length") { Description = "Longest sequence in tokens; 0 = the model's max_length", DefaultValueFactory = _ => 0 };
        var condition = new Option<double?>("--condition") { Description = "Value of the property a conditioned model was trained on (e.g. logP 2.5)" };
        var prefix = new Option<string>("--prefix") { Description = "SMILES every molecule starts with", DefaultValueFactory = _ => "" };
        var scaffold = new Option<string>("--scaffold") { Description = "Scaffold SMILES to decorate (models trained with scaffold_prompt = true)", DefaultValueFactory = _ => "" };
        var seed = new Option<int>("--seed") { Description = "Seed of the draws", DefaultValueFactory = _ => 0 };
        var batch = new Option<int>("--batch-size") { Description = "Sequences decoded together", DefaultValueFactory = _ => 250 };
        var validOnly = new Option<bool>("--valid-only") { Description = "Write only valid molecules" };
        var unique = new Option<bool>("--unique") { Description = "Write each molecule (canonical SMILES) once" };
        var novel = new Option<bool>("--novel") { Description = "Write only molecules absent from the training set" };
        var noCache = new Option<bool>("--no-cache") { Description = "Recompute the whole prefix at every step (slower; for comparison)" };
        var device = new Option<string>("--device") { Description = "auto, cpu or cuda", DefaultValueFactory = _ => "auto" };
        var threads = new Option<int>("--threads") { Description = "CPU threads; 0 = one per core", DefaultValueFactory = _ => 0 };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the output file if it exists" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only warnings, errors and the summary (no progress bar)" };
        var shard = new Option<string?>("--shard") { Description = "Write shard i of N of the -n molecules (own seed; indices i-1, i-1+N, ...); merge the files with merge-predictions; filters hold within a shard" };
        device.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        var command = new Command("generate", "Sample new molecules from a trained generation model and write them, with validity, novelty and descriptors, to a CSV.")
        {
            model, count, output, temperature, topK, topP, maxLength, condition, prefix, scaffold, seed, batch, validOnly, unique, novel, noCache, device, threads, shard, quiet, overwrite,
        };
        command.SetAction(parse => BioTransformerCli.Guard(io, () =>
        {
            var request = new GenerateRequest(parse.GetValue(model)!, parse.GetValue(count), parse.GetValue(output)!, parse.GetValue(device)!, parse.GetValue(threads),
                new SamplingOptions(parse.GetValue(temperature), parse.GetValue(topK), parse.GetValue(topP), parse.GetValue(maxLength), UseCache: !parse.GetValue(noCache)),
                parse.GetValue(seed), parse.GetValue(batch), parse.GetValue(condition), parse.GetValue(prefix)!, parse.GetValue(scaffold)!,
                parse.GetValue(validOnly), parse.GetValue(unique), parse.GetValue(novel),
                parse.GetValue(shard) is { } shardText ? BioTransformer.Experiments.Shard.Parse(shardText) : null, parse.GetValue(overwrite));
            GenerateSummary? summary = null;
            if (parse.GetValue(quiet)) summary = GenerateJob.Run(request, (_, _) => { });
            else io.Err.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(context =>
                {
                    var task = context.AddTask("Generating", maxValue: request.Count);
                    summary = GenerateJob.Run(request, (sampled, written) =>
                    {
                        task.Value = written;
                        task.Description = $"Generating ({sampled:N0} sampled, {written:N0} written)";
                    });
                    task.Value = request.Count;
                });
            var s = summary!;
            console.MarkupLine(Markup.Escape($"{s.Sampled:N0} sampled in {s.Seconds:0.0}s ({s.MoleculesPerSecond:0} molecules/s): {s.Valid:N0} valid, " +
                                             $"{s.Unique:N0} unique, {s.Novel:N0} novel and unique; wrote {s.Written:N0} rows to {s.OutputPath}"));
            if (s.HitSampleLimit)
                console.MarkupLine($"[yellow]warning:[/] only {s.Written:N0} of {request.Count:N0} rows passed the filters within {s.Sampled:N0} samples");
            return 0;
        }));
        return command;
    }
}
