using System.Text.Json.Nodes;
using BioTransformer.Core.Tokenization;
using BioTransformer.Experiments.Runs;
using BioTransformer.Experiments.Tasks;
using BioTransformer.Modeling.Training;
using BioTransformer.Experiments.Property;

namespace BioTransformer.Experiments.Generation;

/// <summary>`evaluate` on a generation model: perplexity of the file's molecules (with their scaffold prompts and conditions).</summary>
internal static class GenerationEvaluation
{
    public static EvaluationResult Evaluate(EvaluateJob.Request request, string directory, TorchSharp.torch.Device device, IRunReporter reporter)
    {
        var (metrics, rows) = Compute(directory, request, request.SequenceColumn ?? "smiles", device, reporter);
        return new EvaluationResult(metrics, rows);
    }

    private static (JsonObject, List<(string Metric, double Value)>) Compute(string directory, EvaluateJob.Request request, string column, TorchSharp.torch.Device device, IRunReporter reporter)
    {
        var (model, vocabulary) = GenerationTask.LoadModel(directory, device);
        using var _ = model;
        var config = model.Config;
        string? condition = config.Conditions.Count > 0 ? config.Conditions[0] : null;
        bool columnCondition = condition is not null && !GenerationConditions.IsComputed(condition);
        var data = PreparedData.Read(request.DataPath, Domain.Smiles, column, columnCondition ? [condition!] : [], classification: false, strict: false,
            config.Backbone.MaxLength, requireLabel: columnCondition, validateSmiles: true, commandLine: true);
        RunRecords.WarnRejected(data, reporter, listed: false);
        var ids = new List<int[]>();
        var prompts = new List<int>();
        var kept = new List<int>();
        for (int i = 0; i < data.Records.Count; i++)
        {
            var scaffold = config.ScaffoldPrefix ? GenerationPrompt.ScaffoldTokens(data.Molecules![i]) : null;
            var (sequence, prompt) = GenerationPrompt.Training(vocabulary, data.Tokens[i], scaffold);
            if (sequence.Length > config.Backbone.MaxLength) continue;
            ids.Add(sequence);
            prompts.Add(prompt);
            kept.Add(i);
        }
        int tooLong = data.Records.Count - kept.Count;
        float[,]? conditions = null;
        if (condition is not null)
        {
            // One row per kept molecule, in the same order as ids.
            conditions = new float[kept.Count, 1];
            for (int k = 0; k < kept.Count; k++)
            {
                int i = kept[k];
                double value = columnCondition ? data.Records[i].Labels[0]!.Value : GenerationConditions.Compute(condition, data.Molecules![i]);
                conditions[k, 0] = (float)((value - config.ConditionMeans[0]) / config.ConditionStds[0]);
            }
        }
        if (tooLong > 0) reporter.Warning($"{tooLong} molecules left out: scaffold + molecule is longer than the model's max_length");
        double nll = LanguageModelTrainer.MeanNegativeLogLikelihood(model, new LanguageModelDataset(ids, prompts, conditions), request.BatchSize, device);
        var metrics = new JsonObject
        {
            ["perplexity"] = Math.Round(Math.Exp(nll), 6),
            ["cross_entropy_nats_per_token"] = Math.Round(nll, 6),
            ["molecules"] = ids.Count,
            ["rows_rejected"] = data.Table.Rejected.Count + tooLong,
        };
        return (metrics, [("perplexity", Math.Exp(nll)), ("cross_entropy_nats_per_token", nll)]);
    }
}
