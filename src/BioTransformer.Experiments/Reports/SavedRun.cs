using System.Text.Json;
using System.Text.Json.Nodes;
using BioTransformer.Core;
using Tomlyn.Model;

namespace BioTransformer.Experiments.Reports;

/// <summary>
/// A run directory read back from disk: its resolved manifest, status, metrics, environment and data
/// record — everything figures and reports need, without the model.
/// </summary>
/// <param name="Directory">Full path of the run directory.</param>
/// <param name="Name">The manifest's name (runs of one experiment share it; replicates differ by seed).</param>
/// <param name="Error">The one-line error of a failed run.</param>
/// <param name="Metrics">metrics.json; empty for a run that did not finish.</param>
public sealed record SavedRun(string Directory, string Name, string Task, int Seed, string Status, string? Error,
    JsonObject Metrics, string ManifestText, TomlTable Manifest, JsonObject? Environment, JsonObject? Data)
{
    /// <summary>The run directory's own name (experiment name + time stamp).</summary>
    public string Id => System.IO.Path.GetFileName(Directory);

    /// <summary>A file inside the run directory.</summary>
    public string File(string relative) => System.IO.Path.Combine(Directory, relative);

    /// <summary>A manifest value by dotted key (e.g. "property.metric"), or null.</summary>
    public object? Setting(string dottedKey)
    {
        object? node = Manifest;
        foreach (var part in dottedKey.Split('.'))
            node = node is TomlTable table && table.TryGetValue(part, out var child) ? child : null;
        return node;
    }

    /// <summary>Reads a run directory; anything that is not one is a one-line error saying what is missing.</summary>
    public static SavedRun Load(string directory)
    {
        var path = System.IO.Path.GetFullPath(directory);
        if (System.IO.File.Exists(path)) throw InputException.At(directory, null, "a file, not a run directory", "pass the folder that `run` printed (Run directory: …)");
        if (!System.IO.Directory.Exists(path)) throw InputException.At(directory, null, "no such run directory", "pass the folder that `run` printed (Run directory: …)");
        var manifestPath = System.IO.Path.Combine(path, ExperimentRunner.ManifestFile);
        if (!System.IO.File.Exists(manifestPath))
            throw InputException.At(directory, null, $"not a run directory: it has no {ExperimentRunner.ManifestFile}", "pass a folder written by `biotransformer run`");
        var text = System.IO.File.ReadAllText(manifestPath);
        var manifest = Manifests.ManifestDocument.Parse(text, manifestPath).Values;
        var status = ReadJson(System.IO.Path.Combine(path, Runs.RunDirectory.StatusFile));
        var metrics = ReadJson(System.IO.Path.Combine(path, ExperimentRunner.MetricsFile)) ?? new JsonObject();
        return new SavedRun(path,
            manifest.TryGetValue("name", out var name) ? name.ToString()! : System.IO.Path.GetFileName(path),
            manifest.TryGetValue("task", out var task) ? task.ToString()! : "",
            manifest.TryGetValue("seed", out var seed) ? Convert.ToInt32(seed, System.Globalization.CultureInfo.InvariantCulture) : 0,
            status?["status"]?.GetValue<string>() ?? "unknown",
            status?["error"]?.GetValue<string>(),
            metrics, text, manifest,
            ReadJson(System.IO.Path.Combine(path, ExperimentRunner.EnvironmentFile)),
            ReadJson(System.IO.Path.Combine(path, RunRecords.DataFile)));
    }

    private static JsonObject? ReadJson(string path)
    {
        if (!System.IO.File.Exists(path)) return null;
        try
        {
            return JsonNode.Parse(System.IO.File.ReadAllText(path)) as JsonObject
                   ?? throw InputException.At(path, null, "not a JSON object", "the run's files were edited; re-run the experiment");
        }
        catch (JsonException e)
        {
            throw InputException.At(path, e.LineNumber is { } line ? (int)line + 1 : null, $"malformed JSON: {e.Message}", "the file was truncated or edited; re-run the experiment");
        }
    }
}
