using System.Globalization;
using BioTransformer.Core;
using BioTransformer.Core.Data;
using BioTransformer.Core.Tokenization;
using BioTransformer.Experiments.Runs;
using BioTransformer.Modeling;
using BioTransformer.Modeling.Checkpoints;
using BioTransformer.Modeling.Heads;
using BioTransformer.Modeling.Training;

namespace BioTransformer.Experiments.Property;

/// <summary>What a prediction job did.</summary>
public sealed record PredictionSummary(int Rows, int Predicted, int Rejected, int WithUnknownTokens, string Output);

/// <summary>
/// Applies a trained property model to a CSV or SMILES file. Every input row appears in the output,
/// in input order: predicted rows with their values, rejected rows with an empty prediction and the
/// reason in the error column, so the output lines up with the input.
/// </summary>
public static class PropertyPrediction
{
    /// <param name="modelPath">A model directory, or a run directory holding one in model/.</param>
    /// <param name="column">The sequence column of a CSV input (ignored for .smi files).</param>
    public static PredictionSummary Run(string modelPath, string inputPath, string column, string outputPath, string deviceName,
        int batchSize, IRunReporter reporter)
    {
        OutputFolder.PrepareFor(outputPath);
        var device = TorchRuntime.ResolveDevice(deviceName);
        var directory = Directory.Exists(Path.Combine(modelPath, "model")) ? Path.Combine(modelPath, "model") : modelPath;
        var (model, vocabulary) = ModelFiles.LoadProperty(directory, device);
        using var _ = model;
        var config = model.Config;
        var domain = config.Domain;
        reporter.Info($"Model: {config.Task.ToString().ToLowerInvariant()} of {string.Join(", ", config.Targets)} ({directory})");

        var data = PreparedData.Read(inputPath, domain, column, [], classification: false, strict: false,
            config.Backbone.MaxLength, requireLabel: false);
        var ids = data.Tokens.Select(t => vocabulary.Encode(domain, t)).ToList();
        int unknown = data.Tokens.Count(t => vocabulary.CountUnknown(domain, t) > 0);
        if (unknown > 0)
            reporter.Warning($"{unknown} rows hold tokens the model never saw in training (read as <unk>); see the unknown_tokens column");

        var predicted = model.ToUserUnits(PropertyPredictor.PredictRaw(model, ids, batchSize, device));
        Write(outputPath, data, predicted, vocabulary, config);
        reporter.Info($"Wrote {data.Records.Count} predictions ({data.Table.Rejected.Count} rows rejected) to {outputPath}");
        return new PredictionSummary(data.Table.RowCount, data.Records.Count, data.Table.Rejected.Count, unknown, outputPath);
    }

    private static void Write(string path, PreparedData data, double[,] predicted, Vocabulary vocabulary, PropertyModelConfig config)
    {
        var suffix = config.Task == PropertyTask.Regression ? "pred" : "prob";
        var header = new List<string> { "line", data.Domain == Domain.Smiles ? "smiles" : "sequence" };
        header.AddRange(config.Targets.Select(t => $"{t}_{suffix}"));
        header.AddRange(["unknown_tokens", "error"]);

        var rows = new List<(int Line, IReadOnlyList<string> Fields)>();
        for (int i = 0; i < data.Records.Count; i++)
        {
            var record = data.Records[i];
            var fields = new List<string> { Text(record.Line), record.Sequence };
            for (int j = 0; j < config.Targets.Count; j++) fields.Add(CsvOutput.Number(predicted[i, j], "G7"));
            fields.AddRange([Text(vocabulary.CountUnknown(data.Domain, data.Tokens[i])), ""]);
            rows.Add((record.Line, fields));
        }
        foreach (var rejected in data.Table.Rejected)
        {
            var fields = new List<string> { Text(rejected.Line), rejected.Sequence };
            fields.AddRange(config.Targets.Select(_ => ""));
            fields.AddRange(["", rejected.Reason]);
            rows.Add((rejected.Line, fields));
        }
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null) Directory.CreateDirectory(folder);
            CsvOutput.Write(path, header, rows.OrderBy(r => r.Line).Select(r => r.Fields));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw InputException.At(path, null, $"cannot write the output: {e.Message}", "choose a writable output path");
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
