using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Experiments.Runs;
using BioTransformer.Experiments.Tasks;
using BioTransformer.Modeling.Heads;
using BioTransformer.Modeling.Training;

namespace BioTransformer.Experiments.Property;

/// <summary>`evaluate` on a property model: RMSE, MAE, R², Pearson, Spearman or ROC-AUC, PR-AUC, accuracy per target.</summary>
internal static class PropertyEvaluation
{
    public static EvaluationResult Evaluate(EvaluateJob.Request request, string directory, TorchSharp.torch.Device device, IRunReporter reporter)
    {
        var (metrics, rows) = Compute(directory, request, request.SequenceColumn ?? "smiles", device, reporter);
        return new EvaluationResult(metrics, rows);
    }

    private static (JsonObject, List<(string Metric, double Value)>) Compute(string directory, EvaluateJob.Request request, string column, TorchSharp.torch.Device device, IRunReporter reporter)
    {
        var (model, vocabulary) = PropertyPredictionTask.LoadModel(directory, device);
        using var _ = model;
        var config = model.Config;
        bool regression = config.Task == PropertyTask.Regression;
        var columns = request.TargetColumns ?? config.Targets;
        if (columns.Count != config.Targets.Count)
            throw new InputException($"--target-column names {columns.Count} column(s) but the model predicts {config.Targets.Count} target(s) ({string.Join(", ", config.Targets.Select(t => $"'{t}'"))}): give one column per target, in that order");
        var data = PreparedData.Read(request.DataPath, config.Domain, column, columns, classification: !regression, strict: false,
            config.Backbone.MaxLength, requireLabel: false, commandLine: true);
        RunRecords.WarnRejected(data, reporter, listed: false);
        var ids = data.Tokens.Select(t => vocabulary.Encode(config.Domain, t)).ToList();
        var features = config.Features is { } scaling ? MoleculeFeatures.ForModel(scaling, [.. data.Records.Select(r => r.Sequence)]) : null;
        var predicted = model.ToUserUnits(PropertyPredictor.PredictRaw(model, ids, request.BatchSize, device, features: features));
        var metrics = new JsonObject { ["rows_used"] = data.Records.Count, ["rows_rejected"] = data.Table.Rejected.Count };
        var rows = new List<(string, double)>();
        var perTarget = new List<Dictionary<string, double>>();
        for (int t = 0; t < config.Targets.Count; t++)
        {
            var labels = data.Records.Select(r => r.Labels[t]).ToList();
            var scores = PropertyScores.ForTarget(regression, labels, Enumerable.Range(0, data.Records.Count).Select(i => predicted[i, t]).ToList());
            perTarget.Add(scores);
            var target = new JsonObject { ["labelled"] = labels.Count(l => l.HasValue) };
            foreach (var (name, value) in scores)
            {
                target[name] = double.IsFinite(value) ? Math.Round(value, 6) : null;
                rows.Add(($"{config.Targets[t]} {name}", value));
            }
            metrics[config.Targets[t]] = target;
        }
        if (config.Targets.Count > 1)
        {
            var mean = new JsonObject();
            foreach (var name in PropertyScores.MetricsFor(regression))
            {
                double value = PropertyScores.MeanOverTargets(perTarget, name);
                mean[name] = double.IsFinite(value) ? Math.Round(value, 6) : null;
                rows.Add(($"mean {name}", value));
            }
            metrics["mean_over_targets"] = mean;
        }
        return (metrics, rows);
    }
}
