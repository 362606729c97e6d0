using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Core.Data;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Runs;
using BioTransformer.Modeling.Checkpoints;
using BioTransformer.Modeling.Heads;
using BioTransformer.Modeling.Training;
using BioTransformer.Core.Tokenization;
using BioTransformer.Experiments.Property;
using BioTransformer.Experiments.Reports;
using BioTransformer.Experiments.Tasks;
using BioTransformer.Proteins.Structures;

namespace BioTransformer.Experiments.Pretraining;

/// <summary>
/// task = "mlm": masked-language pretraining of the backbone on unlabelled sequences of one domain
/// (ESM's recipe for proteins, ChemBERTa's for SMILES). Writes the model (reusable through
/// init_from by any task), per-epoch metrics, masked perplexity per split and the learning curve.
/// </summary>
public sealed class MaskedLanguageModelTask : TrainingTask<MaskedLanguageModelTask.Data, MaskedLanguageModel>
{
    /// <summary>Seed of the one masking used for every reported perplexity, so numbers compare across epochs and runs.</summary>
    public const int EvaluationMaskSeed = 12345;

    /// <summary>The task's name: the manifest's task, its table and its models' kind.</summary>
    public const string Kind = "mlm";

    public override string Name => Kind;
    public override string Summary => "masked-language pretraining of the backbone";
    /// <summary>Loads a masked language model saved by a run of this task onto <paramref name="device"/>, in eval mode.</summary>
    public static (MaskedLanguageModel Model, Vocabulary Vocabulary) LoadModel(string directory, TorchSharp.torch.Device device) =>
        ModelFiles.Load<MaskedLanguageModel, MaskedLanguageModelConfig>(directory, Kind, device, c => new MaskedLanguageModel(c));

    public override Type SectionType => typeof(MlmSection);
    public override IReadOnlyList<SplitKind> Splits => [SplitKind.Random, SplitKind.Scaffold, SplitKind.ScaffoldBalanced];

    /// <summary>What the steps of a pretraining run share: the corpus, its split by sequence, its pieces per split, their ids.</summary>
    public sealed record Data(SequenceCorpus Corpus, SplitIndices Split, SplitIndices Chunks, Vocabulary Vocabulary, List<int[]> Ids, IReadOnlyList<int> DomainTokens)
    {
        public List<int[]> IdsOf(IReadOnlyList<int> rows) => rows.Select(i => Ids[i]).ToList();
    }

    public override DataCheckReport CheckData(Manifest manifest)
    {
        var path = manifest.Data.Path;
        bool protein = manifest.Data.Domain == Domain.Protein;
        if (protein && (StructureFiles.IsFasta(path) || StructureFiles.IsJsonLines(path)))
            return new DataCheckReport(StructureFiles.Read(path).Count, 0, []);
        // Pretraining reads unlabelled rows; long protein sequences are cut into pieces, not rejected.
        return DataCheckReport.Of(PreparedData.Read(path, manifest.Data.Domain, manifest.Data.SequenceColumn, [], classification: false,
            manifest.Data.Strict, protein ? int.MaxValue / 2 : manifest.Model.MaxLength, requireLabel: false, validateSmiles: manifest.Data.ValidateSmiles));
    }

    public override EvaluationResult Evaluate(EvaluateJob.Request request, string modelDirectory, TorchSharp.torch.Device device, IRunReporter reporter) =>
        MlmEvaluation.Evaluate(request, modelDirectory, device, reporter);

    public override string HeadlineMetric(SavedRun run) => "perplexity.test";

    public override string LossLabel(SavedRun run) => "Loss (cross-entropy at masked tokens, nats)";

    protected override Data Prepare(RunContext context)
    {
        var (manifest, run, _, _, reporter) = context;
        var domain = manifest.Data.Domain;
        var corpus = SequenceCorpus.Read(manifest, run, reporter);
        if (corpus.Sequences.Count == 0) throw InputException.At(manifest.Data.Path, null, "no usable sequences");

        var split = Split(manifest, corpus.Sequences);
        var chunks = new SplitIndices(corpus.ChunksOf(split.Train), corpus.ChunksOf(split.Valid), corpus.ChunksOf(split.Test));
        reporter.Info($"{corpus.Sequences.Count} sequences: {split.Train.Count} train, {split.Valid.Count} valid, {split.Test.Count} test " +
                      $"({ManifestEnums.Text(manifest.Data.Split)} split, seed {manifest.Seed}); {corpus.Chunks.Count} pieces of at most {manifest.Model.MaxLength - 3} tokens");
        RequireTraining(chunks);

        var vocabulary = Pretrained.Vocabulary(manifest, domain, () => Tokenizers.BuildVocabulary(domain, chunks.Train.Select(i => corpus.Chunks[i])),
            corpus.Chunks, reporter);
        var ids = corpus.Chunks.Select(t => vocabulary.Encode(domain, t)).ToList();
        return new Data(corpus, split, chunks, vocabulary, ids, vocabulary.IdsOf(domain));
    }

    protected override Vocabulary VocabularyOf(Data data) => data.Vocabulary;

    protected override MaskedLanguageModel Build(RunContext context, Data data) =>
        new(new MaskedLanguageModelConfig(ManifestConfigs.Backbone(context.Manifest, data.Vocabulary.Count), context.Manifest.Data.Domain,
            context.Manifest.Section<MlmSection>().MaskFraction));

    protected override IModelConfig ConfigOf(MaskedLanguageModel model) => model.Config;

    protected override string Describe(RunContext context, Data data, MaskedLanguageModel model) =>
        BackboneDescription(context, data.Vocabulary, $", masking {model.Config.MaskFraction:P0} of tokens");

    protected override TrainingSession Train(RunContext context, Data data, MaskedLanguageModel model)
    {
        var trainer = new MaskedLanguageModelTrainer(model, data.DomainTokens, ManifestConfigs.Training(context.Manifest), context.Device);
        return new TrainingSession(trainer.Loop, () => trainer.Fit(data.IdsOf(data.Chunks.Train), data.IdsOf(data.Chunks.Valid)), "perplexity", "perplexity");
    }

    protected override JsonObject Finish(RunContext context, Data data, MaskedLanguageModel model, TrainingResult result, long parameters)
    {
        var (manifest, _, device, _, reporter) = context;
        var (split, chunks) = (data.Split, data.Chunks);
        var perplexity = new JsonObject();
        var rows = new List<(string, string, double)>();
        foreach (var name in SplitIndices.Names)
        {
            if (chunks[name].Count == 0)
            {
                perplexity[name] = null;
                continue;
            }
            double value = Math.Exp(MaskedLanguageModelTrainer.MaskedNegativeLogLikelihood(model, data.IdsOf(chunks[name]), data.DomainTokens,
                manifest.Train.BatchSize, device, EvaluationMaskSeed));
            perplexity[name] = FiniteJson.Rounded(value);
            rows.Add((name, "perplexity", value));
        }
        reporter.Results(rows);
        var metrics = new JsonObject
        {
            ["task"] = Name,
            ["domain"] = ManifestEnums.Text(manifest.Data.Domain),
            ["perplexity"] = perplexity,
            ["perplexity_definition"] = $"exp of the mean cross-entropy at the {model.Config.MaskFraction:0.##} masked positions (80/10/10), one fixed masking (seed {EvaluationMaskSeed})",
            ["uniform_perplexity"] = data.DomainTokens.Count,
        };
        AddTraining(metrics, result, parameters);
        metrics["sequences"] = new JsonObject { ["train"] = split.Train.Count, ["valid"] = split.Valid.Count, ["test"] = split.Test.Count };
        metrics["pieces"] = new JsonObject { ["train"] = chunks.Train.Count, ["valid"] = chunks.Valid.Count, ["test"] = chunks.Test.Count };
        return metrics;
    }
}
