using System.Globalization;
using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Core.Data;
using BioTransformer.Core.Tokenization;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Property;
using BioTransformer.Experiments.Reports;
using BioTransformer.Experiments.Runs;
using BioTransformer.Experiments.Tasks;
using BioTransformer.Modeling.Checkpoints;
using BioTransformer.Modeling.Heads;
using BioTransformer.Modeling.Training;
using BioTransformer.Modeling.Translation;
using BioTransformer.Molecules;
using BioTransformer.Plotting;

namespace BioTransformer.Experiments.Translation;

/// <summary>
/// task = "translation": an encoder–decoder transformer that turns one SMILES into another — single-step
/// retrosynthesis (product → reactants), forward reaction prediction (reactants → product), or any two
/// columns. The encoder is the shared backbone (an MLM-pretrained one loads through init_from). After
/// training, the test split is decoded with beam search and scored by top-k exact match on canonical SMILES,
/// invalid top-1 rate and top-1 per reaction class; every input's candidates are written with their ranks
/// and scores.
/// </summary>
public sealed class TranslationTask : TrainingTask<TranslationTask.Data, TranslationModel>
{
    /// <summary>The task's name: the manifest's task, its table and its models' kind.</summary>
    public const string Kind = "translation";

    /// <summary>Every decoded test input's candidates, one row per (input, rank).</summary>
    public const string CandidatesFile = "predictions_test.csv";

    /// <summary>The cross-attention of one test reaction (target token × source token), the data of its figure.</summary>
    public const string AttentionFile = "attention_example.csv";

    public override string Name => Kind;
    public override string Summary => "an encoder-decoder that turns one SMILES into another (retrosynthesis, reaction prediction)";

    /// <summary>Loads a translation model saved by a run of this task onto <paramref name="device"/>, in eval mode.</summary>
    public static (TranslationModel Model, Vocabulary Vocabulary) LoadModel(string directory, TorchSharp.torch.Device device) =>
        ModelFiles.Load<TranslationModel, TranslationModelConfig>(directory, Kind, device, c => new TranslationModel(c));

    public override Type SectionType => typeof(TranslationSection);
    public override IReadOnlyList<SplitKind> Splits => [SplitKind.Predefined, SplitKind.Random, SplitKind.Scaffold, SplitKind.ScaffoldBalanced];

    /// <summary>What the steps of a translation run share.</summary>
    /// <param name="Sources">Encoder ids per row (class token after the domain tag when there is one).</param>
    /// <param name="Targets">Decoder ids per row.</param>
    /// <param name="TargetTokens">The tokens of the training targets: all the decoder may write.</param>
    public sealed record Data(TranslationSection Section, ReactionTable Table, SplitIndices Split, Vocabulary Vocabulary,
        List<int[]> Sources, List<int[]> Targets, IReadOnlyList<string> TargetTokens)
    {
        public IReadOnlyList<int> TargetIds => [.. TargetTokens.Select(t => Vocabulary.IdOf(Domain.Smiles, t))];
    }

    public override void Validate(Manifest manifest, ManifestError error)
    {
        var t = manifest.Section<TranslationSection>();
        if (manifest.Data.Domain != Domain.Smiles)
            throw error("data.domain", "task = \"translation\" reads and writes SMILES: data.domain must be \"smiles\"");
        if (t.TopN > t.BeamSize)
            throw error("translation.top_n", $"translation.top_n = {t.TopN} exceeds beam_size = {t.BeamSize}", "a beam of k yields at most k candidates");
        if (t.ReactionColumn.Length == 0 && t.SourceColumn == t.TargetColumn)
            throw error("translation.target_column", "the source and target columns are the same column");
    }

    public override DataCheckReport CheckData(Manifest manifest)
    {
        var table = Read(manifest);
        return new DataCheckReport(table.Records.Count, table.Rejected.Count, [.. table.Rejected.Take(5).Select(r => $"line {r.Line}: {r.Reason}")]);
    }

    public override EvaluationResult Evaluate(EvaluateJob.Request request, string modelDirectory, TorchSharp.torch.Device device, IRunReporter reporter) =>
        TranslationEvaluation.Evaluate(request, modelDirectory, device, reporter);

    public override string HeadlineMetric(SavedRun run) => "accuracy.test.top1";

    public override string LossLabel(SavedRun run) => "Loss (cross-entropy per target token; training label-smoothed)";

    public override bool DrawsValidationMetric => true;

    public override void DrawFigures(SavedRun run, Func<string, string> output, FigureOutput format, List<FigureFile> figures) =>
        TranslationFigures.Draw(run, output, format, figures);

    private static ReactionTable Read(Manifest manifest) =>
        ReactionTable.Read(manifest.Data.Path, manifest.Section<TranslationSection>(), manifest.Model.MaxLength, manifest.Data.Strict,
            manifest.Data.Split == SplitKind.Predefined ? manifest.Data.SplitColumn : null);

    protected override Data Prepare(RunContext context)
    {
        var (manifest, run, _, _, reporter) = context;
        var section = manifest.Section<TranslationSection>();
        var table = Read(manifest);
        RunRecords.WriteDataRecord(run, manifest.Data.Path, table.RowCount, table.Records.Count);
        RunRecords.WriteRejectedRows(run, table.Rejected);
        if (table.Rejected.Count > 0)
            reporter.Warning($"{table.Rejected.Count} of {table.RowCount} rows skipped (see {RunRecords.RejectedRowsFile}); first: line {table.Rejected[0].Line}: {table.Rejected[0].Reason}");
        if (table.Records.Count == 0) throw InputException.At(manifest.Data.Path, null, "no usable row", $"see {RunRecords.RejectedRowsFile} in the run directory for why each was skipped");

        var records = table.Records;
        SplitIndices split;
        if (manifest.Data.Split == SplitKind.Predefined)
        {
            List<int> Rows(string name) => [.. Enumerable.Range(0, records.Count).Where(i => records[i].Split == name)];
            split = new SplitIndices(Rows("train"), Rows("valid"), Rows("test"));
        }
        else split = Split(manifest, [.. records.Select(r => r.Source)]);
        reporter.Info($"{records.Count} pairs: {split.Train.Count} train, {split.Valid.Count} valid, {split.Test.Count} test " +
                      $"({ManifestEnums.Text(manifest.Data.Split)} split{(manifest.Data.Split == SplitKind.Predefined ? $" from column '{manifest.Data.SplitColumn}'" : $", seed {manifest.Seed}")})");
        RequireTraining(split);

        IReadOnlyList<string> SourceTokens(ReactionRecord r) => r.Class is null ? r.SourceTokens : [ReactionTable.ClassToken(r.Class), .. r.SourceTokens];
        // Every class's token, also of a class only held-out rows have (its embedding then stays untrained).
        IReadOnlyList<string> classTokens = [.. records.Where(r => r.Class is not null).Select(r => ReactionTable.ClassToken(r.Class!)).Distinct().Order(StringComparer.Ordinal)];
        var vocabularySource = split.Train.SelectMany(i => new[] { SourceTokens(records[i]), records[i].TargetTokens }).Append(classTokens);
        if (manifest.Train.Augment > 0)
        {
            var sourceMolecules = records.Select(r => r.SourceMolecule).ToList();
            var targetMolecules = records.Select(r => r.TargetMolecule).ToList();
            vocabularySource = vocabularySource
                .Concat(SmilesAugmentation.VariantTokens(sourceMolecules, split.Train, VocabularyVariants, manifest.Seed))
                .Concat(SmilesAugmentation.VariantTokens(targetMolecules, split.Train, VocabularyVariants, manifest.Seed + 1));
        }
        var vocabulary = Pretrained.Vocabulary(manifest, Domain.Smiles, () => Tokenizers.BuildVocabulary(Domain.Smiles, vocabularySource),
            records.SelectMany(r => new[] { SourceTokens(r), r.TargetTokens }), reporter);
        var missingClasses = classTokens.Where(t => !vocabulary.Contains(Domain.Smiles, t)).ToList();
        if (missingClasses.Count > 0)
            throw new InputException($"the pretrained vocabulary (init_from) has no token for reaction class {missingClasses[0]}: train without init_from, or without translation.class_column");
        var sources = records.Select(r => vocabulary.Encode(Domain.Smiles, SourceTokens(r))).ToList();
        var targets = records.Select(r => vocabulary.Encode(Domain.Smiles, r.TargetTokens)).ToList();
        var targetTokens = split.Train.SelectMany(i => records[i].TargetTokens).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new Data(section, table, split, vocabulary, sources, targets, targetTokens);
    }

    /// <summary>Randomized SMILES per molecule used to grow the vocabulary when augmenting.</summary>
    private const int VocabularyVariants = 5;

    protected override Vocabulary VocabularyOf(Data data) => data.Vocabulary;

    protected override TranslationModel Build(RunContext context, Data data) => new(new TranslationModelConfig(
        ManifestConfigs.Backbone(context.Manifest, data.Vocabulary.Count), data.Section.DecoderLayers, data.Section.SharedEmbeddings, Domain.Smiles, Domain.Smiles));

    protected override void AfterPretrained(RunContext context, Data data, TranslationModel model)
    {
        int copied = model.InitialiseDecoderFromEncoder();
        context.Reporter.Info($"The encoder starts from the pretrained backbone; the decoder's first {copied} blocks take its self-attention and feed-forward weights (cross-attention starts fresh)");
    }

    protected override IModelConfig ConfigOf(TranslationModel model) => model.Config;

    protected override string Describe(RunContext context, Data data, TranslationModel model) =>
        BackboneDescription(context, data.Vocabulary,
            $", {model.Config.DecoderLayers} decoder layers, {(model.Config.SharedEmbeddings ? "one shared" : "separate")} token embedding{(model.Config.SharedEmbeddings ? "" : "s")}");

    protected override TrainingSession Train(RunContext context, Data data, TranslationModel model)
    {
        var (manifest, run, device, _, reporter) = context;
        var (split, records) = (data.Split, data.Table.Records);
        int augment = manifest.Train.Augment, maxLength = manifest.Model.MaxLength;
        var tokenizer = Tokenizers.For(Domain.Smiles);
        var trainSet = Subset(data, split.Train);
        Func<int, TranslationDataset> trainForEpoch = augment == 0 ? _ => trainSet : epoch =>
        {
            // Each epoch, every training pair as `augment` pairs of fresh randomized SMILES (source and target each, every
            // molecule of a set from its own random atom, in random order: Tetko et al. 2020); a variant too long for the
            // model or with a token the vocabulary lacks falls back to the pair as written.
            var random = new Random(SmilesAugmentation.SeedFor(manifest.Seed, epoch));
            var sources = new List<int[]>(split.Train.Count * augment);
            var targets = new List<int[]>(split.Train.Count * augment);
            foreach (var i in split.Train)
                for (int c = 0; c < augment; c++)
                {
                    var r = records[i];
                    var source = tokenizer.Tokenize(Smiles.Randomized(r.SourceMolecule, random));
                    var target = tokenizer.Tokenize(Smiles.Randomized(r.TargetMolecule, random));
                    IReadOnlyList<string> sourceTokens = r.Class is null ? source : [ReactionTable.ClassToken(r.Class), .. source];
                    bool fits = sourceTokens.Count + 3 <= maxLength && target.Count + 3 <= maxLength
                                && data.Vocabulary.CountUnknown(Domain.Smiles, sourceTokens) == 0 && data.Vocabulary.CountUnknown(Domain.Smiles, target) == 0;
                    sources.Add(fits ? data.Vocabulary.Encode(Domain.Smiles, sourceTokens) : data.Sources[i]);
                    targets.Add(fits ? data.Vocabulary.Encode(Domain.Smiles, target) : data.Targets[i]);
                }
            return new TranslationDataset(sources, targets);
        };
        if (augment > 0) reporter.Info($"SMILES augmentation: {augment} randomized source/target pairs per training pair per epoch");
        var validSet = Subset(data, split.Valid);
        new TranslationModelInfo(data.Section.ReactionColumn.Length > 0 ? data.Section.Direction : null,
            data.Section.ClassColumn.Length > 0, data.TargetTokens).Write(run.ModelDirectory);
        var trainer = new TranslationTrainer(model, ManifestConfigs.Training(manifest), device, data.Section.LabelSmoothing);
        return new TrainingSession(trainer.Loop, () => trainer.Fit(trainForEpoch, validSet), "perplexity", "perplexity");
    }

    private static TranslationDataset Subset(Data data, IReadOnlyList<int> rows) =>
        new([.. rows.Select(i => data.Sources[i])], [.. rows.Select(i => data.Targets[i])]);

    protected override JsonObject Finish(RunContext context, Data data, TranslationModel model, TrainingResult result, long parameters)
    {
        var (manifest, run, device, _, _) = context;
        var (section, split, records) = (data.Section, data.Split, data.Table.Records);
        var perplexity = new JsonObject();
        foreach (var name in new[] { "valid", "test" })
            perplexity[name] = split[name].Count == 0 ? null
                : FiniteJson.Rounded(Math.Exp(TranslationTrainer.MeanNegativeLogLikelihood(model, Subset(data, split[name]), manifest.Train.BatchSize, device)));

        var metrics = new JsonObject
        {
            ["task"] = Name,
            ["direction"] = section.ReactionColumn.Length > 0 ? ManifestEnums.Text(section.Direction) : "columns",
            ["source"] = section.ReactionColumn.Length > 0 ? section.ReactionColumn : section.SourceColumn,
            ["target"] = section.ReactionColumn.Length > 0 ? section.ReactionColumn : section.TargetColumn,
            ["reaction_class_given"] = section.ClassColumn.Length > 0,
            ["perplexity"] = perplexity,
        };
        var tested = split.Test.Count > 0 ? split.Test : split.Valid;
        var evaluated = section.EvaluateRows > 0 ? [.. tested.Take(section.EvaluateRows)] : tested;
        if (evaluated.Count > 0)
        {
            var scores = DecodeAndScore(context, data, model, evaluated, tested == split.Test ? "test" : "valid");
            metrics["accuracy"] = new JsonObject { [tested == split.Test ? "test" : "valid"] = scores };
            WriteAttentionExample(run, data, model, evaluated[0], device);
        }
        metrics["decoding"] = new JsonObject
        {
            ["beam_size"] = section.BeamSize,
            ["top_n"] = section.TopN,
            ["length_penalty"] = section.LengthPenalty,
            ["match"] = "exact match of canonical SMILES; several molecules compared as a set",
        };
        AddTraining(metrics, result, parameters);
        metrics["pairs"] = new JsonObject { ["train"] = split.Train.Count, ["valid"] = split.Valid.Count, ["test"] = split.Test.Count };
        metrics["rows_used"] = records.Count;
        metrics["rows_rejected"] = data.Table.Rejected.Count;
        return metrics;
    }

    /// <summary>
    /// Beam-decodes the rows, writes their candidates (predictions_test.csv) and returns the accuracy JSON of
    /// the split; also reports the headline numbers.
    /// </summary>
    private JsonObject DecodeAndScore(RunContext context, Data data, TranslationModel model, IReadOnlyList<int> rows, string splitName)
    {
        var (_, run, device, _, reporter) = context;
        var (section, records) = (data.Section, data.Table.Records);
        var translator = new Translator(model, data.TargetIds, device);
        reporter.Info($"Decoding {rows.Count:N0} {splitName} inputs (beam {section.BeamSize}, top {section.TopN})");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var decoded = new List<DecodedInput>(rows.Count);
        var csvRows = new List<IReadOnlyList<string>>(rows.Count * section.TopN);
        int reported = 0;
        for (int start = 0; start < rows.Count; start += section.DecodeBatchSize)
        {
            var batch = rows.Skip(start).Take(section.DecodeBatchSize).ToList();
            var hypotheses = translator.Beam([.. batch.Select(i => data.Sources[i])], section.BeamSize, section.TopN, 0, section.LengthPenalty);
            for (int b = 0; b < batch.Count; b++)
            {
                var record = records[batch[b]];
                var candidates = hypotheses[b].Select(h => string.Concat(data.Vocabulary.DecodeTokens(h.Ids))).ToList();
                var canonical = candidates.Select(ReactionSmiles.CanonicalSet).ToList();
                decoded.Add(new DecodedInput(record.TargetCanonical, record.Class, canonical));
                int correct = TranslationMetrics.CorrectRank(record.TargetCanonical, canonical);
                for (int k = 0; k < candidates.Count; k++)
                    csvRows.Add([record.Line.ToString(CultureInfo.InvariantCulture), record.Source, record.Target, record.Class ?? "",
                        (k + 1).ToString(CultureInfo.InvariantCulture), candidates[k], CsvOutput.Number(hypotheses[b][k].LogProbability, "0.#####"),
                        canonical[k] is null ? "0" : "1", canonical[k] ?? "", correct == k + 1 ? "1" : "0"]);
            }
            if ((start + batch.Count) * 10 / rows.Count > reported)
            {
                reported = (start + batch.Count) * 10 / rows.Count;
                reporter.Info($"Decoded {start + batch.Count:N0} of {rows.Count:N0} ({clock.Elapsed.TotalSeconds:0} s)");
            }
        }
        run.RecordTiming("decoding_seconds", clock.Elapsed.TotalSeconds);
        run.RecordTiming("decoded_inputs_per_second", rows.Count / Math.Max(clock.Elapsed.TotalSeconds, 1e-9));
        CsvOutput.Write(run.File(CandidatesFile), ["line", "source", "target", "class", "rank", "candidate", "log_probability", "valid", "canonical", "correct"], csvRows);

        var scores = TranslationMetrics.Score(decoded, section.TopN);
        var json = new JsonObject { ["count"] = scores.Count, ["of"] = splitName == "test" ? data.Split.Test.Count : data.Split.Valid.Count };
        foreach (int k in new[] { 1, 3, 5, 10 }.Where(k => k <= section.TopN)) json[$"top{k}"] = FiniteJson.Rounded(scores.TopK[k - 1]);
        json["top_k"] = new JsonArray([.. scores.TopK.Select(v => FiniteJson.Rounded(v))]);
        json["invalid_top1"] = FiniteJson.Rounded(scores.InvalidTop1);
        if (scores.PerClass.Count > 0)
        {
            var perClass = new JsonObject();
            foreach (var (name, (count, top1)) in scores.PerClass) perClass[name] = new JsonObject { ["count"] = count, ["top1"] = FiniteJson.Rounded(top1) };
            json["top1_per_class"] = perClass;
        }
        reporter.Results([.. new[] { 1, 3, 5, 10 }.Where(k => k <= section.TopN).Select(k => (splitName, $"top-{k}", scores.TopK[k - 1])),
            (splitName, "invalid top-1", scores.InvalidTop1)]);
        return json;
    }

    /// <summary>
    /// The last decoder layer's cross-attention (mean over heads) while the model reads the row's source and
    /// writes its true target (teacher forcing): which source tokens it looks at for each token it writes.
    /// </summary>
    private static void WriteAttentionExample(RunDirectory run, Data data, TranslationModel model, int row, TorchSharp.torch.Device device)
    {
        var source = data.Sources[row];
        var target = data.Targets[row];
        var weights = TranslationAttention.LastLayer(model, source, target, device);      // (T − 1) × S; row j writes target[j + 1]
        var sourceLabels = source.Select(data.Vocabulary.TextOf).ToList();
        var lines = new List<IReadOnlyList<string>>();
        // Rows from the first predicted token (target[2]) to <eos>: the domain tag before them is given, not written.
        for (int j = TranslationDataset.PromptLength - 1; j < target.Length - 1; j++)
            for (int s = 0; s < sourceLabels.Count; s++)
                lines.Add([(j + 1 - (TranslationDataset.PromptLength - 1)).ToString(CultureInfo.InvariantCulture), data.Vocabulary.TextOf(target[j + 1]),
                    (s + 1).ToString(CultureInfo.InvariantCulture), sourceLabels[s], CsvOutput.Number(weights[j, s], "0.#####")]);
        CsvOutput.Write(run.File(AttentionFile), ["target_position", "target_token", "source_position", "source_token", "weight"], lines);
    }
}
