using System.Globalization;
using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Core.Tokenization;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Runs;
using BioTransformer.Experiments.Tasks;
using BioTransformer.Modeling.Translation;
using BioTransformer.Molecules;

namespace BioTransformer.Experiments.Translation;

/// <summary>
/// `evaluate` on a translation model: beam-decodes every row of a labelled file and reports top-k exact
/// match, invalid top-1 and top-1 per class, with every row's candidates in candidates.csv. Columns: --column
/// (source) and --target-column, else the training run's translation settings.
/// </summary>
internal static class TranslationEvaluation
{
    public const string CandidatesFile = "candidates.csv";

    public static EvaluationResult Evaluate(EvaluateJob.Request request, string directory, TorchSharp.torch.Device device, IRunReporter reporter)
    {
        var (model, vocabulary) = TranslationTask.LoadModel(directory, device);
        using var _ = model;
        var info = TranslationModelInfo.Read(directory);
        var trained = TrainedSection(directory);
        var section = trained with
        {
            SourceColumn = request.GivenColumn ?? trained.SourceColumn,
            TargetColumn = request.TargetColumns is [var target] ? target : trained.TargetColumn,
            ReactionColumn = request.GivenColumn is not null ? "" : trained.ReactionColumn,
            ClassColumn = info.ReactionClass ? trained.ClassColumn : "",
        };
        if (info.ReactionClass && section.ClassColumn.Length == 0)
            throw InputException.At(directory, null, "the model reads a reaction class but its training run's class column is unknown", "evaluate from the run directory the model was trained in");
        var table = ReactionTable.Read(request.DataPath, section, model.Config.Backbone.MaxLength, strict: false, splitColumn: null, commandLine: true);
        if (table.Rejected.Count > 0)
            reporter.Warning($"{table.Rejected.Count} of {table.RowCount} rows skipped; first: line {table.Rejected[0].Line}: {table.Rejected[0].Reason}");
        if (table.Records.Count == 0) throw InputException.At(request.DataPath, null, "no usable row to evaluate");

        var translator = new Translator(model, info.TargetTokens.Where(t => vocabulary.Contains(Domain.Smiles, t)).Select(t => vocabulary.IdOf(Domain.Smiles, t)), device);
        var decoded = new List<DecodedInput>();
        var lines = new List<IReadOnlyList<string>>();
        int batchSize = Math.Max(1, Math.Min(request.BatchSize, section.DecodeBatchSize));
        int unknown = 0;
        for (int start = 0; start < table.Records.Count; start += batchSize)
        {
            var batch = table.Records.Skip(start).Take(batchSize).ToList();
            var sources = batch.Select(r =>
            {
                IReadOnlyList<string> tokens = r.Class is null ? r.SourceTokens : [ReactionTable.ClassToken(r.Class), .. r.SourceTokens];
                if (vocabulary.CountUnknown(Domain.Smiles, tokens) > 0) unknown++;
                return vocabulary.Encode(Domain.Smiles, tokens);
            }).ToList();
            var hypotheses = translator.Beam(sources, section.BeamSize, section.TopN, 0, section.LengthPenalty);
            for (int b = 0; b < batch.Count; b++)
            {
                var candidates = hypotheses[b].Select(h => string.Concat(vocabulary.DecodeTokens(h.Ids))).ToList();
                var canonical = candidates.Select(ReactionSmiles.CanonicalSet).ToList();
                decoded.Add(new DecodedInput(batch[b].TargetCanonical, batch[b].Class, canonical));
                int correct = TranslationMetrics.CorrectRank(batch[b].TargetCanonical, canonical);
                for (int k = 0; k < candidates.Count; k++)
                    lines.Add([batch[b].Line.ToString(CultureInfo.InvariantCulture), batch[b].Source, batch[b].Target, (k + 1).ToString(CultureInfo.InvariantCulture),
                        candidates[k], CsvOutput.Number(hypotheses[b][k].LogProbability, "0.#####"), canonical[k] is null ? "0" : "1", correct == k + 1 ? "1" : "0"]);
            }
        }
        if (unknown > 0) reporter.Warning($"{unknown} sources hold tokens the model's vocabulary lacks; they are read as <unk>");
        var scores = TranslationMetrics.Score(decoded, section.TopN);
        Directory.CreateDirectory(request.OutputDirectory);
        CsvOutput.Write(Path.Combine(request.OutputDirectory, CandidatesFile), ["line", "source", "target", "rank", "candidate", "log_probability", "valid", "correct"], lines);

        var metrics = new JsonObject { ["count"] = scores.Count };
        var rows = new List<(string, double)>();
        foreach (int k in new[] { 1, 3, 5, 10 }.Where(k => k <= section.TopN))
        {
            metrics[$"top{k}"] = FiniteJson.Rounded(scores.TopK[k - 1]);
            rows.Add(($"top{k}", scores.TopK[k - 1]));
        }
        metrics["invalid_top1"] = FiniteJson.Rounded(scores.InvalidTop1);
        rows.Add(("invalid_top1", scores.InvalidTop1));
        metrics["beam_size"] = section.BeamSize;
        metrics["rows_rejected"] = table.Rejected.Count;
        return new EvaluationResult(metrics, rows);
    }

    /// <summary>The [translation] settings of the run that trained the model (defaults when it cannot be read).</summary>
    public static TranslationSection TrainedSection(string modelDirectory)
    {
        var table = EvaluateJob.RunTable(modelDirectory, TranslationTask.Kind);
        if (table is null) return new TranslationSection();
        var manifest = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelDirectory).TrimEnd('/'))!, ExperimentRunner.ManifestFile);
        try
        {
            return (TranslationSection)ManifestBinder.BindSection(typeof(TranslationSection), table, TranslationTask.Kind, ManifestDocument.Parse(File.ReadAllText(manifest), manifest));
        }
        catch (InputException)
        {
            return new TranslationSection();
        }
    }
}
