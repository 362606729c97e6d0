using System.Globalization;
using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Experiments.Runs;

namespace BioTransformer.Experiments;

/// <summary>metrics.json and metrics.csv of an evaluation of a trained model on a data file.</summary>
public static class EvaluationOutput
{
    public const string JsonFile = "metrics.json";
    public const string CsvFile = "metrics.csv";

    /// <param name="metrics">Task-specific metrics, nested as the task's run writes them.</param>
    /// <param name="rows">The same numbers flat, one (metric, value) per CSV row.</param>
    public static void Write(string directory, string task, string modelDirectory, string dataPath, JsonObject metrics, IEnumerable<(string Metric, double Value)> rows)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var json = new JsonObject
            {
                ["task"] = task,
                ["model"] = Path.GetFullPath(modelDirectory),
                ["data"] = new JsonObject { ["path"] = Path.GetFullPath(dataPath), ["sha256"] = FileHash.Sha256(dataPath), ["bytes"] = new FileInfo(dataPath).Length },
                ["evaluated_utc"] = DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture),
            };
            foreach (var (key, value) in metrics) json[key] = value?.DeepClone();
            AtomicFile.WriteAllText(Path.Combine(directory, JsonFile), json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
            CsvOutput.Write(Path.Combine(directory, CsvFile), ["metric", "value"],
                rows.Select(r => (IReadOnlyList<string>)[r.Metric, CsvOutput.Number(r.Value, "G8")]));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw InputException.At(directory, null, $"cannot write the evaluation: {e.Message}", "choose a writable output folder");
        }
    }
}
