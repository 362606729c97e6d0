using System.Globalization;
using BioTransformer.Core;
using BioTransformer.Core.Data;
using BioTransformer.Experiments.Runs;
using BioTransformer.Modeling;
using BioTransformer.Modeling.Heads;
using BioTransformer.Modeling.Training;

namespace BioTransformer.Experiments.Property;

/// <summary>What a prediction job did.</summary>
public sealed record PredictionSummary(int Rows, int Predicted, int Rejected, int WithUnknownTokens, string Output);

/// <summary>How `predict` reads its input: which column, and how a SMILES file is laid out.</summary>
/// <param name="Column">The sequence column of a CSV input (ignored for .smi files).</param>
/// <param name="SmiHeader">A .smi file's first line names its columns.</param>
public sealed record PredictionInput(string Path, string Column = "smiles", bool SmiHeader = false);

/// <summary>
/// Applies a trained property model to a CSV or SMILES file, streaming: rows are read, checked and
/// predicted a chunk at a time and written as they go, so millions of molecules take constant memory.
/// Every input row appears in the output, in input order, with every input column (names, ids) followed by
/// the predictions: rejected rows (a blank line included) keep empty predictions and the reason in the
/// error column. With a shard (i/N) only that shard's blocks of rows are written (each predicted exactly as
/// without sharding); PredictionShards.Merge puts the shards' outputs back in input order, byte-identical
/// to an unsharded run. An output of "-" streams to standard output.
/// </summary>
public static class PropertyPrediction
{
    /// <summary>Rows predicted together (length-bucketed within the chunk).</summary>
    public const int ChunkRows = 4096;

    /// <param name="modelPath">A model directory, or a run directory holding one in model/.</param>
    /// <param name="shard">Only this shard of the rows; null = all.</param>
    /// <param name="overwrite">Replace an existing output file (otherwise it is refused before any work).</param>
    public static PredictionSummary Run(string modelPath, PredictionInput input, string outputPath, string deviceName,
        int batchSize, IRunReporter reporter, Shard? shard = null, bool overwrite = false)
    {
        OutputFile.Check(outputPath, [input.Path], overwrite);
        var device = TorchRuntime.ResolveDevice(deviceName);
        var directory = Directory.Exists(Path.Combine(modelPath, "model")) ? Path.Combine(modelPath, "model") : modelPath;
        var (model, vocabulary) = PropertyPredictionTask.LoadModel(directory, device);
        using var loaded = model;
        var config = model.Config;
        var domain = config.Domain;
        reporter.Info($"Model: {config.Task.ToString().ToLowerInvariant()} of {string.Join(", ", config.Targets)} ({directory})" +
                      (shard is null ? "" : $"; shard {shard} of the rows"));

        var tokenizer = Tokenizers.For(domain);
        int maxLength = config.Backbone.MaxLength;
        var schema = new TableSchema(input.Column, [],
            sequence => SequenceValidation.Problem(tokenizer, sequence, domain, maxLength, parseSmiles: true, out _, out _, trainedModel: true),
            RequireLabel: false) { SequenceSetting = "--column", SmiHeader = input.SmiHeader };
        var suffix = config.Task == PropertyTask.Regression ? "pred" : "prob";

        int rows = 0, predicted = 0, rejected = 0, unknown = 0;
        string? firstProblem = null;
        using var reader = TableReader.Open(input.Path, schema);
        foreach (var notice in reader.Notices) reporter.Info(notice);
        var columns = reader.Columns;
        // line, then the input's columns as they are, then ours (renamed "bt_…" only if the input has one of the name).
        var ours = CsvOutput.AfterInputColumns(columns, ["line", .. config.Targets.Select(t => $"{t}_{suffix}"), "unknown_tokens", "error"]);
        CsvOutput.Stream(outputPath, writer =>
        {
            CsvOutput.WriteRecord(writer, [ours[0], .. columns, .. ours.Skip(1)]);
            long ordinal = 0;
            var chunk = new List<TableRow>(ChunkRows);
            foreach (var row in reader.Rows())
            {
                if (shard is not null && !shard.Holds(ordinal++, ChunkRows)) continue;
                chunk.Add(row);
                if (chunk.Count == ChunkRows) Flush();
            }
            Flush();

            void Flush()
            {
                if (chunk.Count == 0) return;
                var usable = chunk.Where(r => r.Problem is null).ToList();
                var tokens = usable.Select(r => tokenizer.Tokenize(r.Sequence)).ToList();
                var features = config.Features is { } scaling ? MoleculeFeatures.ForModel(scaling, [.. usable.Select(r => r.Sequence)]) : null;
                var values = model.ToUserUnits(PropertyPredictor.PredictRaw(model, tokens.Select(t => vocabulary.Encode(domain, t)).ToList(), batchSize, device, features: features));
                int u = 0;
                foreach (var row in chunk)
                {
                    rows++;
                    var fields = new List<string>(ours.Count + columns.Count) { Text(row.Line) };
                    fields.AddRange(CsvOutput.InputFields(row.Fields, columns.Count));
                    if (row.Problem is null)
                    {
                        int unknownTokens = vocabulary.CountUnknown(domain, tokens[u]);
                        for (int j = 0; j < config.Targets.Count; j++) fields.Add(CsvOutput.Number(values[u, j], "G7"));
                        fields.AddRange([Text(unknownTokens), ""]);
                        predicted++;
                        if (unknownTokens > 0) unknown++;
                        u++;
                    }
                    else
                    {
                        fields.AddRange(config.Targets.Select(_ => ""));
                        fields.AddRange(["", row.Problem]);
                        rejected++;
                        firstProblem ??= $"line {row.Line}: {row.Problem}";
                    }
                    CsvOutput.WriteRecord(writer, fields);
                }
                chunk.Clear();
                reporter.Progress("predict", reader.Position, reader.Length, rows);
            }
            if (rows == 0 && shard is null)
                throw InputException.At(input.Path, null, "the file holds no data rows", "expected a header line followed by at least one row");
            if (rows > 0 && predicted == 0)
                throw InputException.At(input.Path, null, $"no usable rows: all {rows} rows were rejected; the first: {firstProblem}");
        });
        if (reader.CommentLines > 0) reporter.Info($"{reader.CommentLines} comment lines (#) in {input.Path} skipped");
        if (unknown > 0)
            reporter.Warning($"{unknown} rows hold tokens the model never saw in training (read as <unk>); see the unknown_tokens column");
        reporter.Info($"Wrote {predicted} predictions ({rejected} rows rejected) to {(outputPath == "-" ? "standard output" : outputPath)}");
        return new PredictionSummary(rows, predicted, rejected, unknown, outputPath);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
