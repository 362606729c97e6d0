using System.Text.Json;
using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Experiments.Runs;

namespace BioTransformer.Experiments.Manifests;

/// <summary>
/// A run directory's resolved manifest writes its input paths relative to the run, so that it runs as is
/// beside the data it came from. When the run directory has been moved or copied elsewhere those relative
/// paths point nowhere (or, worse, at another file). The run's data.json records each input's absolute path
/// and SHA-256: this finds the inputs again there, and tells the user what to pass when they are gone.
/// </summary>
internal static class RecordedInputs
{
    /// <summary>
    /// For a manifest that sits in a run directory (data.json beside it): a data path or init_from that does
    /// not resolve is replaced by the absolute path the run recorded, if that still holds the same data
    /// (SHA-256); otherwise a one-line "input moved" error says which path to pass.
    /// </summary>
    /// <param name="overridden">Keys set on the command line (--set): the user's explicit choice, never second-guessed.</param>
    public static Manifest Relocate(Manifest manifest, string source, IReadOnlySet<string> overridden)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(source))!;
        var record = Path.Combine(folder, RunRecords.DataFile);
        if (!File.Exists(record)) return manifest;
        JsonArray? files;
        try
        {
            files = JsonNode.Parse(File.ReadAllText(record))?["files"] as JsonArray;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return manifest;   // a damaged record cannot help: the normal checks report what is missing
        }
        string? Recorded(string role, string key) =>
            files?.OfType<JsonObject>().FirstOrDefault(f => (string?)f["role"] == role)?[key]?.GetValue<string>();

        if (overridden.Contains("data.path")) { }
        else if (!File.Exists(manifest.Data.Path) && Recorded("data", "path") is { } dataPath)
        {
            var hash = Recorded("data", "sha256");
            if (File.Exists(dataPath) && (hash is null || FileHash.Sha256(dataPath) == hash))
                manifest = manifest with { Data = manifest.Data with { Path = dataPath } };
            else
                throw InputException.At(source, null,
                    $"input moved: data.path resolves to {manifest.Data.Path}, which does not exist, and the file this run read ({dataPath}) " +
                    (File.Exists(dataPath) ? "has changed since (SHA-256 differs)" : "is gone too"),
                    "pass --set data.path=PATH_TO_THE_DATA (relative to this folder, or absolute)");
        }
        else if (File.Exists(manifest.Data.Path) && Recorded("data", "sha256") is { } recordedHash && FileHash.Sha256(manifest.Data.Path) != recordedHash)
        {
            // The relative path found a file, but not the one this run read: a copied run directory beside other data.
            throw InputException.At(source, null,
                $"data.path resolves to {manifest.Data.Path}, whose content differs from the data this run read ({Recorded("data", "path")}, SHA-256 {recordedHash[..12]}…): " +
                "the data changed since the run started, or this copy of the run sits beside other data",
                "restore the file; or pass --set data.path=PATH to run on that data as a new run (a resumed run cannot change its data)");
        }
        if (!overridden.Contains("init_from") && manifest.InitFrom.Length > 0 && !Directory.Exists(manifest.InitFrom) && Recorded("init_from", "path") is { } initFrom)
        {
            if (Directory.Exists(initFrom))
                manifest = manifest with { InitFrom = initFrom };
            else
                throw InputException.At(source, null,
                    $"input moved: init_from resolves to {manifest.InitFrom}, which does not exist, and the run this one started from ({initFrom}) is gone too",
                    "pass --set init_from=PATH_TO_THE_PRETRAINED_RUN");
        }
        return manifest;
    }
}
