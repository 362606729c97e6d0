using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Core.Data;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Runs;
using BioTransformer.Modeling.Checkpoints;
using BioTransformer.Modeling.Heads;
using BioTransformer.Modeling.Training;
using TorchSharp;

namespace BioTransformer.Experiments.Pretraining;

/// <summary>
/// task = "mlm": masked-language pretraining of the backbone on unlabelled sequences of one domain
/// (ESM's recipe for proteins, ChemBERTa's for SMILES). Writes the model (reusable through
/// init_from by any task), per-epoch metrics, masked perplexity per split and the learning curve.
/// </summary>
public static class MlmExperiment
{
    /// <summary>Seed of the one masking used for every reported perplexity, so numbers compare across epochs and runs.</summary>
    public const int EvaluationMaskSeed = 12345;

    public static JsonObject Execute(RunContext context)
    {
        var (manifest, run, device, _, reporter) = context;
        var domain = Tokenizers.ParseDomain(manifest.Data.Domain);
        reporter.Info($"Reading {manifest.Data.Path}");
        var corpus = SequenceCorpus.Read(manifest, run, reporter);
        if (corpus.Sequences.Count == 0) throw InputException.At(manifest.Data.Path, null, "no usable sequences");

        var f = manifest.Data.Fractions;
        var split = Splitters.For(manifest.Data.Split).Split(corpus.Sequences, new SplitFractions(f[0], f[1], f[2]), manifest.Seed);
        var chunks = new SplitIndices(corpus.ChunksOf(split.Train), corpus.ChunksOf(split.Valid), corpus.ChunksOf(split.Test));
        reporter.Info($"{corpus.Sequences.Count} sequences: {split.Train.Count} train, {split.Valid.Count} valid, {split.Test.Count} test " +
                      $"({manifest.Data.Split} split, seed {manifest.Seed}); {corpus.Chunks.Count} pieces of at most {manifest.Model.MaxLength - 3} tokens");
        if (chunks.Train.Count == 0) throw new InputException("the training split is empty: use more data or a larger train fraction");

        var vocabulary = Pretrained.Vocabulary(manifest, domain, () => Tokenizers.BuildVocabulary(domain, chunks.Train.Select(i => corpus.Chunks[i])),
            corpus.Chunks, reporter);
        var ids = corpus.Chunks.Select(t => vocabulary.Encode(domain, t)).ToList();
        List<int[]> Ids(IReadOnlyList<int> rows) => rows.Select(i => ids[i]).ToList();
        var domainTokens = vocabulary.IdsOf(domain);

        var config = new MaskedLanguageModelConfig(ManifestConfigs.Backbone(manifest, vocabulary.Count), domain, manifest.Mlm!.MaskFraction);
        torch.manual_seed(manifest.Seed);
        using var model = new MaskedLanguageModel(config);
        Pretrained.LoadInto(manifest, model);
        model.to(device);
        long parameters = model.parameters().Sum(p => p.numel());
        reporter.Info($"Model: {parameters:N0} parameters ({manifest.Model.Layers} layers, dim {manifest.Model.Dim}, {manifest.Model.Heads} heads), " +
                      $"vocabulary {vocabulary.Count} tokens, masking {config.MaskFraction:P0} of tokens, device {device.type}");

        var options = ManifestConfigs.Training(manifest);
        var trainer = new MaskedLanguageModelTrainer(model, domainTokens, options, device);
        var epochs = RunRecords.RecordEpochs(trainer.Loop, run, reporter, "perplexity", manifest.Train.CheckpointEvery);
        trainer.Loop.NewBest += _ => ModelFiles.SaveMaskedLanguageModel(run.ModelDirectory, model, vocabulary);
        var result = trainer.Fit(Ids(chunks.Train), Ids(chunks.Valid));
        reporter.Info(RunRecords.Outcome(result, "perplexity"));

        var perplexity = new JsonObject();
        var rows = new List<(string, string, double)>();
        foreach (var name in SplitIndices.Names)
        {
            if (chunks[name].Count == 0)
            {
                perplexity[name] = null;
                continue;
            }
            double value = Math.Exp(MaskedLanguageModelTrainer.MaskedNegativeLogLikelihood(model, Ids(chunks[name]), domainTokens,
                manifest.Train.BatchSize, device, EvaluationMaskSeed));
            perplexity[name] = Math.Round(value, 6);
            rows.Add((name, "perplexity", value));
        }
        reporter.Results(rows);
        var metrics = new JsonObject
        {
            ["task"] = "mlm",
            ["domain"] = manifest.Data.Domain,
            ["perplexity"] = perplexity,
            ["perplexity_definition"] = $"exp of the mean cross-entropy at the {config.MaskFraction:0.##} masked positions (80/10/10), one fixed masking (seed {EvaluationMaskSeed})",
            ["uniform_perplexity"] = domainTokens.Count,
            ["best_epoch"] = result.BestEpoch,
            ["epochs_run"] = result.Epochs.Count,
            ["stopped_early"] = result.StoppedEarly,
            ["parameters"] = parameters,
            ["sequences"] = new JsonObject { ["train"] = split.Train.Count, ["valid"] = split.Valid.Count, ["test"] = split.Test.Count },
            ["pieces"] = new JsonObject { ["train"] = chunks.Train.Count, ["valid"] = chunks.Valid.Count, ["test"] = chunks.Test.Count },
        };
        run.WriteJson(ExperimentRunner.MetricsFile, metrics);
        return metrics;
    }
}
