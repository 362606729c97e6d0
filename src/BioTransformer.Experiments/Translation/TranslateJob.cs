using System.Globalization;
using BioTransformer.Core;
using BioTransformer.Core.Data;
using BioTransformer.Core.Tokenization;
using BioTransformer.Experiments.Runs;
using BioTransformer.Modeling;
using BioTransformer.Modeling.Checkpoints;
using BioTransformer.Modeling.Translation;
using BioTransformer.Molecules;

namespace BioTransformer.Experiments.Translation;

/// <summary>What `translate` did.</summary>
public sealed record TranslateSummary(int Rows, int Translated, int Rejected, string Output);

/// <summary>
/// The `translate` command: applies a trained translation model to a CSV or SMILES file and writes each
/// row's top-N candidates, streaming (rows are read and decoded a block at a time). A cell may hold a
/// molecule (the source) or a reaction SMILES: its source side (the product for a retrosynthesis model, the
/// reactants for a forward one) is translated and its other side, when present, marks the correct candidate.
/// Output: one row per (input row, rank) in input order, the input's columns kept; a rejected row is one
/// row with its reason. With --shard i/N only that shard's blocks are decoded (merge-predictions joins them).
/// </summary>
public static class TranslateJob
{
    /// <summary>Rows decoded per block (and the unit of sharding).</summary>
    public const int BlockRows = 256;

    /// <param name="ClassColumn">The column with each row's reaction class, for a model trained with one.</param>
    public sealed record Request(string ModelPath, string InputPath, string OutputPath, string Column = "smiles", bool SmiHeader = false,
        int Beam = 10, int Top = 5, double LengthPenalty = 0, string? ClassColumn = null, string DeviceName = "auto", int BatchSize = 32,
        Shard? Shard = null, bool Overwrite = false);

    public static TranslateSummary Run(Request request, IRunReporter reporter)
    {
        if (request.Beam < 1) throw new InputException("--beam must be at least 1");
        if (request.Top < 1 || request.Top > request.Beam) throw new InputException($"--top {request.Top} must be between 1 and --beam ({request.Beam})");
        OutputFile.Check(request.OutputPath, [request.InputPath], request.Overwrite);
        var device = TorchRuntime.ResolveDevice(request.DeviceName);
        var directory = Pretrained.ModelDirectory(request.ModelPath);
        if (ModelFiles.KindOf(directory) is var kind && kind != TranslationTask.Kind)
            throw InputException.At(directory, null, $"this is a '{kind}' model; translate needs a model trained with task = \"translation\"");
        var (model, vocabulary) = TranslationTask.LoadModel(directory, device);
        using var loaded = model;
        var info = TranslationModelInfo.Read(directory);
        if (info.ReactionClass && request.ClassColumn is null)
            throw new InputException("this model reads a reaction class before the source: name its column with --class-column");
        var translator = new Translator(model, info.TargetTokens.Where(t => vocabulary.Contains(Domain.Smiles, t)).Select(t => vocabulary.IdOf(Domain.Smiles, t)), device);
        bool retro = info.Direction != ReactionDirection.Forward;
        int maxLength = model.Config.Backbone.MaxLength;
        var tokenizer = Tokenizers.For(Domain.Smiles);
        reporter.Info($"Model: translation ({(info.Direction is { } d ? Manifests.ManifestEnums.Text(d) : "two columns")}), beam {request.Beam}, top {request.Top} ({directory})" + (request.Shard is null ? "" : $"; shard {request.Shard} of the rows"));

        var schema = new TableSchema(request.Column, [], _ => null, RequireLabel: false) { SequenceSetting = "--column", SmiHeader = request.SmiHeader };
        using var reader = TableReader.Open(request.InputPath, schema);
        foreach (var notice in reader.Notices) reporter.Info(notice);
        var columns = reader.Columns;
        int classIndex = -1;
        if (info.ReactionClass)
        {
            classIndex = columns.ToList().FindIndex(c => string.Equals(c, request.ClassColumn, StringComparison.OrdinalIgnoreCase));
            if (classIndex < 0) throw InputException.At(request.InputPath, 1, $"no column '{request.ClassColumn}' (--class-column)", $"the columns are: {string.Join(", ", columns)}");
        }
        var ours = CsvOutput.AfterInputColumns(columns, ["line", "rank", "candidate", "log_probability", "valid", "canonical", "correct", "error"]);
        int rows = 0, translated = 0, rejected = 0;
        string? firstProblem = null;
        CsvOutput.Stream(request.OutputPath, writer =>
        {
            CsvOutput.WriteRecord(writer, [ours[0], .. columns, .. ours.Skip(1)]);
            long ordinal = 0;
            var block = new List<TableRow>(BlockRows);
            foreach (var row in reader.Rows())
            {
                if (request.Shard is not null && !request.Shard.Holds(ordinal++, BlockRows)) continue;
                block.Add(row);
                if (block.Count == BlockRows) Flush();
            }
            Flush();

            void Flush()
            {
                if (block.Count == 0) return;
                var prepared = block.Select(Prepare).ToList();
                var usable = prepared.Where(p => p.Problem is null).ToList();
                var hypotheses = new List<List<Hypothesis>>(usable.Count);
                for (int start = 0; start < usable.Count; start += request.BatchSize)
                    hypotheses.AddRange(translator.Beam([.. usable.Skip(start).Take(request.BatchSize).Select(p => p.Ids!)], request.Beam, request.Top, 0, request.LengthPenalty));
                int u = 0;
                foreach (var (row, p) in block.Zip(prepared))
                {
                    rows++;
                    var input = CsvOutput.InputFields(row.Fields, columns.Count);
                    if (p.Problem is not null)
                    {
                        CsvOutput.WriteRecord(writer, [Text(row.Line), .. input, "", "", "", "", "", "", p.Problem]);
                        rejected++;
                        firstProblem ??= $"line {row.Line}: {p.Problem}";
                        continue;
                    }
                    var candidates = hypotheses[u++];
                    var canonical = candidates.Select(h => ReactionSmiles.CanonicalSet(string.Concat(vocabulary.DecodeTokens(h.Ids)))).ToList();
                    int correct = p.TargetCanonical is null ? 0 : TranslationMetrics.CorrectRank(p.TargetCanonical, canonical);
                    for (int k = 0; k < candidates.Count; k++)
                        CsvOutput.WriteRecord(writer, [Text(row.Line), .. input, Text(k + 1), string.Concat(vocabulary.DecodeTokens(candidates[k].Ids)),
                            CsvOutput.Number(candidates[k].LogProbability, "0.#####"), canonical[k] is null ? "0" : "1", canonical[k] ?? "",
                            p.TargetCanonical is null ? "" : correct == k + 1 ? "1" : "0", ""]);
                    translated++;
                }
                block.Clear();
                reporter.Progress("translate", reader.Position, reader.Length, rows);
            }

            if (rows == 0 && request.Shard is null)
                throw InputException.At(request.InputPath, null, "the file holds no data rows", "expected a header line followed by at least one row");
            if (rows > 0 && translated == 0)
                throw InputException.At(request.InputPath, null, $"no usable rows: all {rows} rows were rejected; the first: {firstProblem}");
        });
        if (rejected > 0) reporter.Warning($"{rejected} of {rows} rows rejected (see the error column); first: {firstProblem}");
        reporter.Info($"Wrote the top {request.Top} candidates of {translated} rows to {(request.OutputPath == "-" ? "standard output" : request.OutputPath)}");
        return new TranslateSummary(rows, translated, rejected, request.OutputPath);

        // A row's encoder ids, or why it cannot be read; with a reaction, the canonical form of its other side.
        (int[]? Ids, string? TargetCanonical, string? Problem) Prepare(TableRow row)
        {
            if (row.Problem is not null) return (null, null, row.Problem);
            string source = row.Sequence.Trim();
            string? target = null;
            if (ReactionSmiles.IsReaction(source))
            {
                var reaction = ReactionSmiles.TryParse(source, out var problem);
                if (reaction is null) return (null, null, $"reaction SMILES {problem}");
                (source, target) = retro ? (reaction.ProductSide, reaction.ReactantSide()) : (reaction.ReactantSide(withAgents: true), reaction.ProductSide);
            }
            if (source.Length == 0) return (null, null, "empty SMILES");
            if (source.Split('.').Any(m => m.Length == 0)) return (null, null, "an empty molecule ('..' or a '.' at an end)");
            IReadOnlyList<string> tokens;
            try
            {
                tokens = tokenizer.Tokenize(source);
            }
            catch (InvalidSequenceException e)
            {
                return (null, null, $"SMILES does not tokenize: {e.Message}");
            }
            if (!Smiles.TryParse(source, out _, out var error)) return (null, null, $"not a valid molecule: {error!.Message}");
            if (classIndex >= 0)
            {
                var cls = row.Fields.Count > classIndex ? row.Fields[classIndex].Trim() : "";
                if (cls.Length == 0) return (null, null, "no reaction class");
                tokens = [ReactionTable.ClassToken(cls), .. tokens];
                if (!vocabulary.Contains(Domain.Smiles, tokens[0])) return (null, null, $"reaction class '{cls}' was not among the model's training classes");
            }
            if (tokens.Count + 3 > maxLength)
                return (null, null, $"{tokens.Count} tokens is longer than this model's window of {maxLength - 3} (+ 3 special tokens), fixed when it was trained");
            var targetCanonical = target is null ? null : ReactionSmiles.CanonicalSet(target);
            return (vocabulary.Encode(Domain.Smiles, tokens), targetCanonical, null);
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
