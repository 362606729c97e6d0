using System.Text.Json;
using System.Text.Json.Nodes;
using BioTransformer.Core;

namespace BioTransformer.Experiments.Translation;

/// <summary>
/// What `translate` needs to know of a translation model beyond its weights, saved as
/// model/translation.json: how its source was read (direction, class token) and which tokens its decoder
/// may write (those of the training targets).
/// </summary>
/// <param name="Direction">How reaction SMILES are read (null: the model learned two columns, read as retrosynthesis by default).</param>
public sealed record TranslationModelInfo(ReactionDirection? Direction, bool ReactionClass, IReadOnlyList<string> TargetTokens)
{
    public const string FileName = "translation.json";

    public void Write(string modelDirectory)
    {
        Directory.CreateDirectory(modelDirectory);
        var json = new JsonObject
        {
            ["direction"] = Direction is { } d ? Manifests.ManifestEnums.Text(d) : "columns",
            ["reaction_class"] = ReactionClass,
            ["target_tokens"] = new JsonArray([.. TargetTokens.Select(t => JsonValue.Create(t))]),
        };
        AtomicFile.WriteAllText(Path.Combine(modelDirectory, FileName), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    public static TranslationModelInfo Read(string modelDirectory)
    {
        var path = Path.Combine(modelDirectory, FileName);
        if (!File.Exists(path)) throw InputException.At(modelDirectory, null, $"no {FileName} in the model directory", "pass the model of a translation run");
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            var direction = (ReactionDirection?)Manifests.ManifestEnums.Parse(typeof(ReactionDirection), (string?)root["direction"] ?? "");
            return new TranslationModelInfo(direction, (bool?)root["reaction_class"] ?? false,
                [.. root["target_tokens"]!.AsArray().Select(t => (string)t!)]);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            throw InputException.At(path, null, $"not a valid {FileName}: {e.Message}", "the model directory is damaged; use the folder a run wrote");
        }
    }
}
