using System.Globalization;
using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Core.Data;
using BioTransformer.Core.Metrics;
using BioTransformer.Core.Tokenization;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Property;
using BioTransformer.Experiments.Runs;
using BioTransformer.Modeling.Checkpoints;
using BioTransformer.Modeling.Generation;
using BioTransformer.Modeling.Heads;
using BioTransformer.Modeling.Training;
using BioTransformer.Molecules;
using BioTransformer.Molecules.Chemistry;
using BioTransformer.Molecules.Generation;
using BioTransformer.Molecules.Smarts;
using BioTransformer.Plotting;
using BioTransformer.Experiments.Reports;
using BioTransformer.Experiments.Tasks;

namespace BioTransformer.Experiments.Generation;

/// <summary>
/// task = "generation": molecule generation end to end. Reads and checks a SMILES corpus, splits it, trains
/// the backbone as a causal language model (optionally conditioned on a property or prompted with
/// scaffolds), then samples and scores the samples with MOSES's metrics, and checks that conditioning is
/// followed.
/// </summary>
public sealed class GenerationTask : TrainingTask<GenerationTask.Data, LanguageModel>
{
    public const string SamplesFile = "generated.csv";
    public const string ConditioningFile = "conditioning.csv";

    /// <summary>Every molecule sampled at each requested condition value, with the value it achieved (the data of the conditioning figure).</summary>
    public const string ConditioningSamplesFile = "conditioning_samples.csv";
    private const int ConditioningSamplesPerValue = 500;

    /// <summary>The task's name: the manifest's task, its table and its models' kind.</summary>
    public const string Kind = "generation";

    public override string Name => Kind;
    public override string Summary => "a causal SMILES language model that samples molecules";
    /// <summary>Loads a causal language model saved by a run of this task onto <paramref name="device"/>, in eval mode.</summary>
    public static (LanguageModel Model, Vocabulary Vocabulary) LoadModel(string directory, TorchSharp.torch.Device device) =>
        ModelFiles.Load<LanguageModel, LanguageModelConfig>(directory, Kind, device, c => new LanguageModel(c));

    public override Type SectionType => typeof(GenerationSection);
    public override IReadOnlyList<SplitKind> Splits => [SplitKind.Random, SplitKind.Scaffold, SplitKind.ScaffoldBalanced];

    /// <summary>What the steps of a generation run share.</summary>
    /// <param name="ScaffoldTokens">Per row, its Bemis–Murcko scaffold's tokens (scaffold-prompted models), else null.</param>
    /// <param name="ConditionValues">Per row, the condition's value in user units (conditioned models), else null.</param>
    /// <param name="TrainingCanonical">Canonical SMILES of the training split, for novelty.</param>
    public sealed record Data(GenerationSection Section, PreparedData Table, SplitIndices Split, Vocabulary Vocabulary,
        IReadOnlyList<string>[]? ScaffoldTokens, double[]? ConditionValues, double ConditionMean, double ConditionStd, HashSet<string> TrainingCanonical)
    {
        public IReadOnlyList<Molecule> Molecules => Table.Molecules!;

        /// <summary>True when the condition is a data column (its value for a new molecule is unknown), false for a computed descriptor.</summary>
        public bool ColumnCondition => IsColumnCondition(Section);
    }

    private static bool IsColumnCondition(GenerationSection g) => g.Condition.Length > 0 && !GenerationConditions.IsComputed(g.Condition);

    public override void Validate(Manifest manifest, ManifestError error)
    {
        var g = manifest.Section<GenerationSection>();
        if (manifest.Data.Domain != Domain.Smiles)
            throw error("data.domain", "task = \"generation\" writes SMILES: data.domain must be \"smiles\"");
        if (!manifest.Data.ValidateSmiles)
            throw error("data.validate_smiles", "task = \"generation\" learns from valid molecules only: data.validate_smiles must be true");
        if (g.Condition.Length > 0 && !GenerationConditions.IsComputed(g.Condition) && !manifest.Data.Targets.Contains(g.Condition))
            throw error("generation.condition", $"generation.condition = \"{g.Condition}\" is neither a computed descriptor ({string.Join(", ", GenerationConditions.Computed)}) nor listed in data.targets",
                "add the column to data.targets or pick a descriptor");
        if (g.Condition.Length == 0 && g.ConditionValues.Count > 0)
            throw error("generation.condition_values", "generation.condition_values needs generation.condition");
        if (g.Scaffold.Length > 0 && !g.ScaffoldPrompt)
            throw error("generation.scaffold", "generation.scaffold needs a model trained with generation.scaffold_prompt = true");
        if (g.Scaffold.Length > 0 && !Smiles.TryParse(g.Scaffold, out _, out var scaffoldError))
            throw error("generation.scaffold", $"generation.scaffold is not a valid molecule: {scaffoldError!.Message}");
        if (g.Prefix.Length > 0)
        {
            try
            {
                Tokenizers.For(Domain.Smiles).Tokenize(g.Prefix);
            }
            catch (InvalidSequenceException e)
            {
                throw error("generation.prefix", $"generation.prefix does not tokenize: {e.Message}");
            }
        }
    }

    public override DataCheckReport CheckData(Manifest manifest)
    {
        var g = manifest.Section<GenerationSection>();
        bool columnCondition = IsColumnCondition(g);
        return DataCheckReport.Of(PreparedData.Read(manifest.Data.Path, Domain.Smiles, manifest.Data.SequenceColumn, columnCondition ? [g.Condition] : [],
            classification: false, manifest.Data.Strict, manifest.Model.MaxLength, requireLabel: columnCondition, validateSmiles: true));
    }

    public override EvaluationResult Evaluate(EvaluateJob.Request request, string modelDirectory, TorchSharp.torch.Device device, IRunReporter reporter) =>
        GenerationEvaluation.Evaluate(request, modelDirectory, device, reporter);

    public override string HeadlineMetric(SavedRun run) => run.Metrics["samples"] is JsonObject ? "samples.validity" : "perplexity.test";

    public override string LossLabel(SavedRun run) => "Loss (cross-entropy, nats per token)";

    public override void DrawFigures(SavedRun run, Func<string, string> output, FigureOutput format, List<FigureFile> figures) =>
        GenerationFigures.Draw(run, output, format, figures);

    protected override Data Prepare(RunContext context)
    {
        var (manifest, run, _, _, reporter) = context;
        var g = manifest.Section<GenerationSection>();
        int maxLength = manifest.Model.MaxLength;
        bool columnCondition = IsColumnCondition(g);
        var data = PreparedData.Read(manifest.Data.Path, Domain.Smiles, manifest.Data.SequenceColumn, columnCondition ? [g.Condition] : [],
            classification: false, manifest.Data.Strict, maxLength, requireLabel: columnCondition, validateSmiles: true);
        RunRecords.WriteDataRecord(run, data);
        RunRecords.WarnRejected(data, reporter);
        var molecules = data.Molecules!;

        // Scaffold prompts: '<cls> <smiles> scaffold <sep> molecule <eos>'; rows too long for the model are left out.
        IReadOnlyList<string>[]? scaffoldTokens = null;
        if (g.ScaffoldPrompt)
            scaffoldTokens = molecules.AsParallel().AsOrdered().Select(GenerationPrompt.ScaffoldTokens).ToArray();
        bool Fits(int i) => scaffoldTokens is null || data.Tokens[i].Count + scaffoldTokens[i].Count + 4 <= maxLength;

        var rawSplit = Split(manifest, data.Records.Select(r => r.Sequence).ToList());
        var split = new SplitIndices(rawSplit.Train.Where(Fits).ToList(), rawSplit.Valid.Where(Fits).ToList(), rawSplit.Test.Where(Fits).ToList());
        int tooLong = data.Records.Count - split.Train.Count - split.Valid.Count - split.Test.Count;
        if (tooLong > 0) reporter.Warning($"{tooLong} molecules left out: scaffold + molecule is longer than max_length {maxLength}");
        reporter.Info($"{data.Records.Count} molecules: {split.Train.Count} train, {split.Valid.Count} valid, {split.Test.Count} test ({ManifestEnums.Text(manifest.Data.Split)} split, seed {manifest.Seed})");
        RequireTraining(split);

        var vocabularySource = split.Train.Select(i => data.Tokens[i]);
        if (scaffoldTokens is not null) vocabularySource = vocabularySource.Concat(split.Train.Select(i => scaffoldTokens[i]));
        if (manifest.Train.Augment > 0) vocabularySource = vocabularySource.Concat(SmilesAugmentation.VariantTokens(molecules, split.Train, 5, manifest.Seed));
        var vocabulary = Pretrained.Vocabulary(manifest, Domain.Smiles, () => Tokenizers.BuildVocabulary(Domain.Smiles, vocabularySource), data.Tokens, reporter);

        // Conditions: standardised with training statistics.
        double[]? conditionValues = null;
        double conditionMean = 0, conditionStd = 1;
        if (g.Condition.Length > 0)
        {
            conditionValues = columnCondition
                ? data.Records.Select(r => r.Labels[0]!.Value).ToArray()
                : molecules.AsParallel().AsOrdered().Select(m => GenerationConditions.Compute(g.Condition, m)).ToArray();
            (conditionMean, conditionStd) = SampleStatistics.Standardisation(split.Train.Select(i => conditionValues[i]).ToList());
        }
        var trainingCanonical = split.Train.AsParallel().AsOrdered().Select(i => Smiles.Canonical(molecules[i])).ToHashSet(StringComparer.Ordinal);
        return new Data(g, data, split, vocabulary, scaffoldTokens, conditionValues, conditionMean, conditionStd, trainingCanonical);
    }

    protected override Vocabulary VocabularyOf(Data data) => data.Vocabulary;

    protected override LanguageModel Build(RunContext context, Data data)
    {
        var g = data.Section;
        bool conditioned = g.Condition.Length > 0;
        return new LanguageModel(new LanguageModelConfig(
            ManifestConfigs.Backbone(context.Manifest, data.Vocabulary.Count),
            Domain.Smiles,
            conditioned ? [g.Condition] : [],
            conditioned ? [data.ConditionMean] : [],
            conditioned ? [data.ConditionStd] : [],
            g.ScaffoldPrompt));
    }

    protected override IModelConfig ConfigOf(LanguageModel model) => model.Config;

    protected override string Describe(RunContext context, Data data, LanguageModel model) =>
        BackboneDescription(context, data.Vocabulary) + (data.Section.Condition.Length > 0 ? $", conditioned on {data.Section.Condition}" : "");

    protected override TrainingSession Train(RunContext context, Data data, LanguageModel model)
    {
        var (manifest, run, device, _, reporter) = context;
        var split = data.Split;
        int augment = manifest.Train.Augment, maxLength = manifest.Model.MaxLength;
        var tokenizer = Tokenizers.For(Domain.Smiles);
        var trainSet = Plain(data, split.Train);
        Func<int, LanguageModelDataset> trainForEpoch = augment == 0 ? _ => trainSet : epoch =>
        {
            // Each epoch, every training molecule as `augment` fresh randomized SMILES; too-long variants fall back to the written one.
            var random = new Random(SmilesAugmentation.SeedFor(manifest.Seed, epoch));
            var rows = new List<int>(split.Train.Count * augment);
            var tokens = new List<IReadOnlyList<string>>(split.Train.Count * augment);
            foreach (var i in split.Train)
                for (int c = 0; c < augment; c++)
                {
                    var variant = tokenizer.Tokenize(Smiles.Randomized(data.Molecules[i], random));
                    bool fits = variant.Count + (data.ScaffoldTokens?[i].Count + 1 ?? 0) + 3 <= maxLength && data.Vocabulary.CountUnknown(Domain.Smiles, variant) == 0;
                    rows.Add(i);
                    tokens.Add(fits ? variant : data.Table.Tokens[i]);
                }
            return Dataset(data, rows, tokens);
        };
        if (augment > 0) reporter.Info($"SMILES augmentation: {augment} randomized SMILES per training molecule per epoch");
        var validSet = Plain(data, split.Valid);
        var trainer = new LanguageModelTrainer(model, ManifestConfigs.Training(manifest), device);
        TrainingSetFile.Write(run.ModelDirectory, data.TrainingCanonical);
        return new TrainingSession(trainer.Loop, () => trainer.Fit(trainForEpoch, validSet), "perplexity", "perplexity");
    }

    protected override JsonObject Finish(RunContext context, Data data, LanguageModel model, TrainingResult result, long parameters)
    {
        var (manifest, run, device, _, reporter) = context;
        var (g, split, vocabulary, conditionValues) = (data.Section, data.Split, data.Vocabulary, data.ConditionValues);
        var perplexity = new JsonObject();
        foreach (var name in SplitIndices.Names)
            perplexity[name] = split[name].Count == 0 ? null
                : Math.Exp(LanguageModelTrainer.MeanNegativeLogLikelihood(model, Plain(data, split[name]), manifest.Train.BatchSize, device));

        var metrics = new JsonObject { ["task"] = Name, ["perplexity"] = perplexity };
        AddTraining(metrics, result, parameters);
        metrics["rows_used"] = split.Train.Count + split.Valid.Count + split.Test.Count;
        metrics["rows_rejected"] = data.Table.Table.Rejected.Count;

        if (g.Samples > 0)
        {
            var generator = new MoleculeGenerator(model, vocabulary, device);
            var sampling = new SamplingOptions(g.Temperature, g.TopK, g.TopP);
            var prompt = GenerationPrompt.Build(vocabulary, g.ScaffoldPrompt, g.Scaffold, g.Prefix);
            // A conditioned model samples at conditions drawn from the training set, so its samples follow the data's distribution.
            var pick = new Random(SmilesAugmentation.SeedFor(manifest.Seed, -2));
            var drawn = conditionValues is null ? null : Enumerable.Range(0, g.Samples).Select(_ => conditionValues[split.Train[pick.Next(split.Train.Count)]]).ToArray();
            reporter.Info($"Sampling {g.Samples:N0} molecules (temperature {g.Temperature}, top-k {g.TopK}, top-p {g.TopP})");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var samples = WriteSamples(run.File(SamplesFile),
                generator.Generate(g.Samples, prompt, sampling, g.SampleBatchSize, manifest.Seed, drawn is null ? null : i => drawn[i]), data.TrainingCanonical);
            double seconds = clock.Elapsed.TotalSeconds;
            run.RecordTiming("sampling_seconds", seconds);
            run.RecordTiming("molecules_per_second", g.Samples / Math.Max(seconds, 1e-9));

            var reference = split.Test.Count > 0 ? split.Test : split.Valid;
            var trainingProperties = split.Train.AsParallel().AsOrdered().Select(i => GenerationMetrics.Properties(data.Molecules[i])).ToList();
            var report = GenerationMetrics.Compute(samples.Select(s => s.Smiles).ToList(), data.TrainingCanonical,
                reference.Select(i => data.Molecules[i]).ToList(), trainingProperties);
            metrics["samples"] = ToJson(report, reference == split.Test ? "test" : "valid");
            if (g.Scaffold.Length > 0) metrics["scaffold_prompt"] = ScaffoldAdherence(g.Scaffold, samples);
            if (g.Prefix.Length > 0) metrics["prefix"] = g.Prefix;
            reporter.Results(SummaryRows(report));
        }

        if (conditionValues is not null && g.ConditionValues.Count > 0)
            metrics["conditioning"] = CheckConditioning(run, model, vocabulary, device, g, manifest.Seed, !data.ColumnCondition, reporter);
        return metrics;
    }

    /// <summary>The training set of a sequence model: each row's prompt and molecule tokens, and its standardised condition.</summary>
    private static LanguageModelDataset Dataset(Data data, IReadOnlyList<int> rows, IReadOnlyList<IReadOnlyList<string>> moleculeTokens)
    {
        var ids = new List<int[]>(rows.Count);
        var prompts = new List<int>(rows.Count);
        for (int r = 0; r < rows.Count; r++)
        {
            var (sequence, prompt) = GenerationPrompt.Training(data.Vocabulary, moleculeTokens[r], data.ScaffoldTokens?[rows[r]]);
            ids.Add(sequence);
            prompts.Add(prompt);
        }
        float[,]? conditions = null;
        if (data.ConditionValues is { } values)
        {
            conditions = new float[rows.Count, 1];
            for (int r = 0; r < rows.Count; r++) conditions[r, 0] = (float)((values[rows[r]] - data.ConditionMean) / data.ConditionStd);
        }
        return new LanguageModelDataset(ids, prompts, conditions);
    }

    /// <summary>The rows as written (no augmentation).</summary>
    private static LanguageModelDataset Plain(Data data, IReadOnlyList<int> rows) => Dataset(data, rows, rows.Select(i => data.Table.Tokens[i]).ToList());

    /// <summary>Writes generated.csv as the molecules stream in; returns them (they are needed for the set metrics).</summary>
    private static List<GeneratedMolecule> WriteSamples(string path, IEnumerable<GeneratedMolecule> stream, IReadOnlySet<string> training)
    {
        var all = new List<GeneratedMolecule>();
        string[] header = ["index", "smiles", "valid", "canonical_smiles", "novel", "finished", "condition", .. GenerationMetrics.PropertyNames];
        CsvOutput.Write(path, header, stream.Select(m =>
        {
            all.Add(m);
            return SampleRow(m, training);
        }));
        return all;
    }

    /// <summary>One row of a samples CSV; descriptors only for valid molecules.</summary>
    public static IReadOnlyList<string> SampleRow(GeneratedMolecule m, IReadOnlySet<string>? training)
    {
        var row = new List<string>
        {
            m.Index.ToString(CultureInfo.InvariantCulture), m.Smiles, m.Valid ? "1" : "0", m.Canonical ?? "",
            m.Canonical is null || training is null ? "" : training.Contains(m.Canonical) ? "0" : "1",
            m.Finished ? "1" : "0", CsvOutput.Number(m.Condition, "G6"),
        };
        if (m.Molecule is not null) row.AddRange(GenerationMetrics.Properties(m.Molecule).Select(v => CsvOutput.Number(Math.Round(v, 4))));
        else row.AddRange(GenerationMetrics.PropertyNames.Select(_ => ""));
        return row;
    }

    private static JsonObject ToJson(GenerationReport r, string referenceSplit)
    {
        var distances = new JsonObject();
        foreach (var (name, value) in r.PropertyDistances) distances[name] = FiniteJson.Rounded(value);
        return new JsonObject
        {
            ["count"] = r.Samples,
            ["valid_count"] = r.Valid,
            ["validity"] = FiniteJson.Rounded(r.Validity),
            ["unique@1k"] = FiniteJson.Rounded(r.Unique1k),
            ["unique@10k"] = FiniteJson.Rounded(r.Unique10k),
            ["novelty"] = FiniteJson.Rounded(r.Novelty),
            ["intdiv1"] = FiniteJson.Rounded(r.IntDiv1),
            ["intdiv2"] = FiniteJson.Rounded(r.IntDiv2),
            ["snn"] = FiniteJson.Rounded(r.Snn),
            ["scaf"] = FiniteJson.Rounded(r.Scaf),
            ["reference_split"] = referenceSplit,
            ["wasserstein_to_train"] = distances,
        };
    }

    /// <summary>How many valid samples contain the prompted scaffold, and how many have exactly that Bemis–Murcko scaffold.</summary>
    private static JsonObject ScaffoldAdherence(string scaffold, IReadOnlyList<GeneratedMolecule> samples)
    {
        var canonical = Smiles.Canonical(scaffold);
        var pattern = SmartsPattern.Parse(canonical);
        var valid = samples.Where(s => s.Valid).ToList();
        int contains = valid.AsParallel().Count(s => pattern.IsMatch(MatchTarget.For(s.Molecule!)));
        int exact = valid.AsParallel().Count(s => Scaffolds.MurckoSmiles(s.Molecule!) == canonical);
        return new JsonObject
        {
            ["scaffold"] = canonical,
            ["contains_scaffold"] = FiniteJson.Rounded(valid.Count == 0 ? double.NaN : (double)contains / valid.Count),
            ["same_murcko_scaffold"] = FiniteJson.Rounded(valid.Count == 0 ? double.NaN : (double)exact / valid.Count),
        };
    }

    /// <summary>
    /// Samples at each requested condition value and, for computed properties, measures what the molecules
    /// actually have: conditioning works when the achieved means rise with the requested values.
    /// </summary>
    private static JsonObject CheckConditioning(RunDirectory run, LanguageModel model, Vocabulary vocabulary, TorchSharp.torch.Device device,
        GenerationSection g, int seed, bool measurable, IRunReporter reporter)
    {
        var generator = new MoleculeGenerator(model, vocabulary, device);
        var prompt = GenerationPrompt.Build(vocabulary, g.ScaffoldPrompt, g.Scaffold, g.Prefix);
        var options = new SamplingOptions(g.Temperature, g.TopK, g.TopP);
        var rows = new List<IReadOnlyList<string>>();
        var perValue = new JsonArray();
        var requested = new List<double>();
        var achievedMeans = new List<double>();
        var sampleRows = new List<IReadOnlyList<string>>();
        foreach (var (value, k) in g.ConditionValues.Select((v, k) => (v, k)))
        {
            var samples = generator.Generate(ConditioningSamplesPerValue, prompt, options, g.SampleBatchSize, seed + 1 + k, _ => value).ToList();
            var valid = samples.Where(s => s.Valid).ToList();
            var achieved = measurable ? valid.Select(s => GenerationConditions.Compute(g.Condition, s.Molecule!)).ToList() : [];
            int v = 0;
            foreach (var s in samples)
                sampleRows.Add([value.ToString("R", CultureInfo.InvariantCulture), s.Smiles, s.Valid ? "1" : "0",
                    s.Valid && measurable ? CsvOutput.Number(achieved[v++], "G6") : ""]);
            var (mean, sd) = SampleStatistics.MeanSd(achieved);
            perValue.Add(new JsonObject
            {
                ["requested"] = value,
                ["samples"] = samples.Count,
                ["validity"] = FiniteJson.Rounded((double)valid.Count / samples.Count),
                ["achieved_mean"] = FiniteJson.Rounded(mean),
                ["achieved_sd"] = FiniteJson.Rounded(sd),
            });
            rows.Add([value.ToString("R", CultureInfo.InvariantCulture), samples.Count.ToString(CultureInfo.InvariantCulture), valid.Count.ToString(CultureInfo.InvariantCulture),
                CsvOutput.Number(mean, "0.####"), CsvOutput.Number(sd, "0.####")]);
            requested.Add(value);
            achievedMeans.Add(mean);
            reporter.Info(measurable
                ? $"Condition {g.Condition} = {value:G4}: {valid.Count}/{samples.Count} valid, achieved {mean:0.###} ± {sd:0.###}"
                : $"Condition {g.Condition} = {value:G4}: {valid.Count}/{samples.Count} valid ({g.Condition} of new molecules cannot be computed)");
        }
        CsvOutput.Write(run.File(ConditioningFile), ["requested", "samples", "valid", "achieved_mean", "achieved_sd"], rows);
        CsvOutput.Write(run.File(ConditioningSamplesFile), ["requested", "smiles", "valid", "achieved"], sampleRows);
        var result = new JsonObject { ["property"] = g.Condition, ["per_value"] = perValue };
        if (measurable && achievedMeans.All(double.IsFinite) && requested.Count >= 2)
        {
            result["spearman_requested_vs_achieved"] = FiniteJson.Rounded(RegressionMetrics.Compute(requested, achievedMeans).Spearman);
            result["achieved_means_increase"] = achievedMeans.Zip(achievedMeans.Skip(1)).All(p => p.Second > p.First) == requested.Zip(requested.Skip(1)).All(p => p.Second > p.First);
        }
        return result;
    }

    /// <summary>Axis label of a generated-molecule property or condition, with units.</summary>
    public static string PropertyLabel(string name) => name switch
    {
        "molecular_weight" => "Molecular weight (g/mol)",
        "logp" => "Crippen log P",
        "tpsa" => "TPSA (Å²)",
        "qed" => "QED",
        _ => name,
    };

    private static List<(string, string, double)> SummaryRows(GenerationReport r) =>
    [
        ("generated", "validity", r.Validity), ("generated", "unique@1k", r.Unique1k), ("generated", "unique@10k", r.Unique10k),
        ("generated", "novelty", r.Novelty), ("generated", "IntDiv1", r.IntDiv1), ("generated", "IntDiv2", r.IntDiv2),
        ("generated", "SNN", r.Snn), ("generated", "Scaf", r.Scaf),
    ];

}
