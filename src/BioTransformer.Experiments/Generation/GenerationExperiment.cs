using System.Globalization;
using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Core.Data;
using BioTransformer.Core.Metrics;
using BioTransformer.Core.Tokenization;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Property;
using BioTransformer.Experiments.Runs;
using BioTransformer.Modeling.Backbone;
using BioTransformer.Modeling.Checkpoints;
using BioTransformer.Modeling.Generation;
using BioTransformer.Modeling.Heads;
using BioTransformer.Modeling.Training;
using BioTransformer.Molecules;
using BioTransformer.Molecules.Chemistry;
using BioTransformer.Molecules.Generation;
using BioTransformer.Molecules.Smarts;
using BioTransformer.Plotting;
using TorchSharp;

namespace BioTransformer.Experiments.Generation;

/// <summary>
/// Molecule generation end to end: read and check a SMILES corpus, split it, train the backbone as a
/// causal language model (optionally conditioned on a property or prompted with scaffolds), then
/// sample and score the samples with MOSES's metrics, and check that conditioning is followed.
/// </summary>
public static class GenerationExperiment
{
    public const string SamplesFile = "generated.csv";
    public const string ConditioningFile = "conditioning.csv";

    /// <summary>Every molecule sampled at each requested condition value, with the value it achieved (the data of the conditioning figure).</summary>
    public const string ConditioningSamplesFile = "conditioning_samples.csv";
    private const int ConditioningSamplesPerValue = 500;

    public static JsonObject Execute(RunContext context)
    {
        var (manifest, run, device, _, reporter) = context;
        var g = manifest.Generation!;
        int maxLength = manifest.Model.MaxLength;
        bool columnCondition = g.Condition.Length > 0 && !GenerationConditions.IsComputed(g.Condition);

        reporter.Info($"Reading {manifest.Data.Path}");
        var data = PreparedData.Read(manifest.Data.Path, Domain.Smiles, manifest.Data.SequenceColumn, columnCondition ? [g.Condition] : [],
            classification: false, manifest.Data.Strict, maxLength, requireLabel: columnCondition, validateSmiles: true);
        RunRecords.WriteDataRecord(run, data);
        if (data.Table.Rejected.Count > 0)
        {
            var first = data.Table.Rejected[0];
            reporter.Warning($"{data.Table.Rejected.Count} of {data.Table.RowCount} rows skipped (see {RunRecords.RejectedRowsFile}); first: line {first.Line}: {first.Reason}");
        }
        var molecules = data.Molecules!;
        var tokenizer = Tokenizers.For(Domain.Smiles);

        // Scaffold prompts: '<cls> <smiles> scaffold <sep> molecule <eos>'; rows too long for the model are left out.
        IReadOnlyList<string>[]? scaffoldTokens = null;
        if (g.ScaffoldPrompt)
            scaffoldTokens = molecules.AsParallel().AsOrdered().Select(GenerationPrompt.ScaffoldTokens).ToArray();
        bool Fits(int i) => scaffoldTokens is null || data.Tokens[i].Count + scaffoldTokens[i].Count + 4 <= maxLength;

        var f = manifest.Data.Fractions;
        var rawSplit = Splitters.For(manifest.Data.Split).Split(data.Records.Select(r => r.Sequence).ToList(), new SplitFractions(f[0], f[1], f[2]), manifest.Seed);
        var split = new SplitIndices(rawSplit.Train.Where(Fits).ToList(), rawSplit.Valid.Where(Fits).ToList(), rawSplit.Test.Where(Fits).ToList());
        int tooLong = data.Records.Count - split.Train.Count - split.Valid.Count - split.Test.Count;
        if (tooLong > 0) reporter.Warning($"{tooLong} molecules left out: scaffold + molecule is longer than max_length {maxLength}");
        reporter.Info($"{data.Records.Count} molecules: {split.Train.Count} train, {split.Valid.Count} valid, {split.Test.Count} test ({manifest.Data.Split} split, seed {manifest.Seed})");
        if (split.Train.Count == 0) throw new InputException("the training split is empty: use more data or a larger train fraction");

        int augment = manifest.Train.Augment;
        var vocabularySource = split.Train.Select(i => data.Tokens[i]);
        if (scaffoldTokens is not null) vocabularySource = vocabularySource.Concat(split.Train.Select(i => scaffoldTokens[i]));
        if (augment > 0) vocabularySource = vocabularySource.Concat(SmilesAugmentation.VariantTokens(molecules, split.Train, 5, manifest.Seed));
        var vocabulary = Pretrained.Vocabulary(manifest, Domain.Smiles, () => Tokenizers.BuildVocabulary(Domain.Smiles, vocabularySource), data.Tokens, reporter);

        // Conditions: standardised with training statistics.
        double[]? conditionValues = null;
        double conditionMean = 0, conditionStd = 1;
        if (g.Condition.Length > 0)
        {
            conditionValues = columnCondition
                ? data.Records.Select(r => r.Labels[0]!.Value).ToArray()
                : molecules.AsParallel().AsOrdered().Select(m => GenerationConditions.Compute(g.Condition, m)).ToArray();
            var trainValues = split.Train.Select(i => conditionValues[i]).ToList();
            conditionMean = trainValues.Average();
            double variance = trainValues.Sum(v => (v - conditionMean) * (v - conditionMean)) / trainValues.Count;
            conditionStd = variance > 0 ? Math.Sqrt(variance) : 1;
        }

        var config = new LanguageModelConfig(
            ManifestConfigs.Backbone(manifest, vocabulary.Count),
            Domain.Smiles,
            g.Condition.Length > 0 ? [g.Condition] : [],
            g.Condition.Length > 0 ? [conditionMean] : [],
            g.Condition.Length > 0 ? [conditionStd] : [],
            g.ScaffoldPrompt);
        torch.manual_seed(manifest.Seed);
        using var model = new LanguageModel(config);
        Pretrained.LoadInto(manifest, model);
        model.to(device);
        long parameters = model.parameters().Sum(p => p.numel());
        reporter.Info($"Model: {parameters:N0} parameters ({manifest.Model.Layers} layers, dim {manifest.Model.Dim}, {manifest.Model.Heads} heads), " +
                      $"vocabulary {vocabulary.Count} tokens, device {device.type}" + (g.Condition.Length > 0 ? $", conditioned on {g.Condition}" : ""));

        LanguageModelDataset Dataset(IReadOnlyList<int> rows, IReadOnlyList<IReadOnlyList<string>> moleculeTokens)
        {
            var ids = new List<int[]>(rows.Count);
            var prompts = new List<int>(rows.Count);
            for (int r = 0; r < rows.Count; r++)
            {
                var (sequence, prompt) = GenerationPrompt.Training(vocabulary, moleculeTokens[r], scaffoldTokens?[rows[r]]);
                ids.Add(sequence);
                prompts.Add(prompt);
            }
            float[,]? conditions = null;
            if (conditionValues is not null)
            {
                conditions = new float[rows.Count, 1];
                for (int r = 0; r < rows.Count; r++) conditions[r, 0] = (float)((conditionValues[rows[r]] - conditionMean) / conditionStd);
            }
            return new LanguageModelDataset(ids, prompts, conditions);
        }
        LanguageModelDataset Plain(IReadOnlyList<int> rows) => Dataset(rows, rows.Select(i => data.Tokens[i]).ToList());

        var trainSet = Plain(split.Train);
        Func<int, LanguageModelDataset> trainForEpoch = augment == 0 ? _ => trainSet : epoch =>
        {
            // Each epoch, every training molecule as `augment` fresh randomized SMILES; too-long variants fall back to the written one.
            var random = new Random(SmilesAugmentation.SeedFor(manifest.Seed, epoch));
            var rows = new List<int>(split.Train.Count * augment);
            var tokens = new List<IReadOnlyList<string>>(split.Train.Count * augment);
            foreach (var i in split.Train)
                for (int c = 0; c < augment; c++)
                {
                    var variant = tokenizer.Tokenize(Smiles.Randomized(molecules[i], random));
                    bool fits = variant.Count + (scaffoldTokens?[i].Count + 1 ?? 0) + 3 <= maxLength && vocabulary.CountUnknown(Domain.Smiles, variant) == 0;
                    rows.Add(i);
                    tokens.Add(fits ? variant : data.Tokens[i]);
                }
            return Dataset(rows, tokens);
        };
        if (augment > 0) reporter.Info($"SMILES augmentation: {augment} randomized SMILES per training molecule per epoch");
        var validSet = Plain(split.Valid);

        var t = manifest.Train;
        var options = ManifestConfigs.Training(manifest);
        var trainer = new LanguageModelTrainer(model, options, device);
        var epochs = RunRecords.RecordEpochs(trainer.Loop, run, reporter, "perplexity", manifest.Train.CheckpointEvery);
        var trainingCanonical = split.Train.AsParallel().AsOrdered().Select(i => Smiles.Canonical(molecules[i])).ToHashSet(StringComparer.Ordinal);
        TrainingSetFile.Write(run.ModelDirectory, trainingCanonical);
        trainer.Loop.NewBest += _ => ModelFiles.SaveLanguageModel(run.ModelDirectory, model, vocabulary);
        var result = trainer.Fit(trainForEpoch, validSet);
        reporter.Info(RunRecords.Outcome(result, "perplexity"));

        var perplexity = new JsonObject();
        foreach (var name in SplitIndices.Names)
            perplexity[name] = split[name].Count == 0 ? null
                : Math.Exp(LanguageModelTrainer.MeanNegativeLogLikelihood(model, Plain(split[name]), t.BatchSize, device));

        var metrics = new JsonObject
        {
            ["task"] = "generation",
            ["perplexity"] = perplexity,
            ["best_epoch"] = result.BestEpoch,
            ["epochs_run"] = result.Epochs.Count,
            ["stopped_early"] = result.StoppedEarly,
            ["parameters"] = parameters,
            ["rows_used"] = split.Train.Count + split.Valid.Count + split.Test.Count,
            ["rows_rejected"] = data.Table.Rejected.Count,
        };

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
                generator.Generate(g.Samples, prompt, sampling, g.SampleBatchSize, manifest.Seed, drawn is null ? null : i => drawn[i]), trainingCanonical);
            double seconds = clock.Elapsed.TotalSeconds;
            run.RecordTiming("sampling_seconds", seconds);
            run.RecordTiming("molecules_per_second", g.Samples / Math.Max(seconds, 1e-9));

            var reference = split.Test.Count > 0 ? split.Test : split.Valid;
            var trainingProperties = split.Train.AsParallel().AsOrdered().Select(i => GenerationMetrics.Properties(molecules[i])).ToList();
            var report = GenerationMetrics.Compute(samples.Select(s => s.Smiles).ToList(), trainingCanonical, reference.Select(i => molecules[i]).ToList(), trainingProperties);
            metrics["samples"] = ToJson(report, reference == split.Test ? "test" : "valid");
            if (g.Scaffold.Length > 0) metrics["scaffold_prompt"] = ScaffoldAdherence(g.Scaffold, samples);
            if (g.Prefix.Length > 0) metrics["prefix"] = g.Prefix;
            reporter.Results(SummaryRows(report));
        }

        if (conditionValues is not null && g.ConditionValues.Count > 0)
        {
            metrics["conditioning"] = CheckConditioning(run, model, vocabulary, device, g, manifest.Seed, !columnCondition, reporter);
        }
        run.WriteJson(ExperimentRunner.MetricsFile, metrics);
        return metrics;
    }

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
        foreach (var (name, value) in r.PropertyDistances) distances[name] = Number(value);
        return new JsonObject
        {
            ["count"] = r.Samples,
            ["valid_count"] = r.Valid,
            ["validity"] = Number(r.Validity),
            ["unique@1k"] = Number(r.Unique1k),
            ["unique@10k"] = Number(r.Unique10k),
            ["novelty"] = Number(r.Novelty),
            ["intdiv1"] = Number(r.IntDiv1),
            ["intdiv2"] = Number(r.IntDiv2),
            ["snn"] = Number(r.Snn),
            ["scaf"] = Number(r.Scaf),
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
            ["contains_scaffold"] = Number(valid.Count == 0 ? double.NaN : (double)contains / valid.Count),
            ["same_murcko_scaffold"] = Number(valid.Count == 0 ? double.NaN : (double)exact / valid.Count),
        };
    }

    /// <summary>
    /// Samples at each requested condition value and, for computed properties, measures what the molecules
    /// actually have: conditioning works when the achieved means rise with the requested values.
    /// </summary>
    private static JsonObject CheckConditioning(RunDirectory run, LanguageModel model, Vocabulary vocabulary, TorchSharp.torch.Device device,
        Manifests.GenerationSection g, int seed, bool measurable, IRunReporter reporter)
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
            double mean = achieved.Count > 0 ? achieved.Average() : double.NaN;
            double sd = achieved.Count > 1 ? Math.Sqrt(achieved.Sum(x => (x - mean) * (x - mean)) / (achieved.Count - 1)) : double.NaN;
            perValue.Add(new JsonObject
            {
                ["requested"] = value,
                ["samples"] = samples.Count,
                ["validity"] = Number((double)valid.Count / samples.Count),
                ["achieved_mean"] = Number(mean),
                ["achieved_sd"] = Number(sd),
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
            result["spearman_requested_vs_achieved"] = Number(RegressionMetrics.Compute(requested, achievedMeans).Spearman);
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

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 6)) : null;
}
