using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Experiments.Runs;
using BioTransformer.Experiments.Tasks;
using BioTransformer.Modeling.Training;

namespace BioTransformer.Experiments.Pretraining;

/// <summary>`evaluate` on a masked language model: masked perplexity with the runs' one fixed masking.</summary>
internal static class MlmEvaluation
{
    public static EvaluationResult Evaluate(EvaluateJob.Request request, string directory, TorchSharp.torch.Device device, IRunReporter reporter)
    {
        var (metrics, rows) = Compute(directory, request, request.SequenceColumn ?? "smiles", device, reporter);
        return new EvaluationResult(metrics, rows);
    }

    private static (JsonObject, List<(string Metric, double Value)>) Compute(string directory, EvaluateJob.Request request, string column, TorchSharp.torch.Device device, IRunReporter reporter)
    {
        var (model, vocabulary) = MaskedLanguageModelTask.LoadModel(directory, device);
        using var _ = model;
        var config = model.Config;
        var (corpus, table, _) = SequenceCorpus.Load(request.DataPath, config.Domain, column, config.Backbone.MaxLength, strict: false, validateSmiles: true);
        if (table is not null) RunRecords.WarnRejected(table, reporter, listed: false);
        if (corpus.Chunks.Count == 0) throw InputException.At(request.DataPath, null, "no usable sequences");
        var ids = corpus.Chunks.Select(t => vocabulary.Encode(config.Domain, t)).ToList();
        double nll = MaskedLanguageModelTrainer.MaskedNegativeLogLikelihood(model, ids, vocabulary.IdsOf(config.Domain), request.BatchSize, device,
            MaskedLanguageModelTask.EvaluationMaskSeed);
        var metrics = new JsonObject
        {
            ["perplexity"] = Math.Round(Math.Exp(nll), 6),
            ["cross_entropy_nats_per_masked_token"] = Math.Round(nll, 6),
            ["sequences"] = corpus.Sequences.Count,
            ["pieces"] = corpus.Chunks.Count,
        };
        return (metrics, [("perplexity", Math.Exp(nll)), ("cross_entropy_nats_per_masked_token", nll)]);
    }
}
