using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using BioTransformer.Core;
using BioTransformer.Core.Tokenization;
using BioTransformer.Modeling.Backbone;
using BioTransformer.Modeling.Heads;
using TorchSharp;
using static TorchSharp.torch;

namespace BioTransformer.Modeling.Checkpoints;

/// <summary>
/// A model directory: <c>weights.bin</c> (TorchSharp format), <c>model.json</c> (kind, format version
/// and the full config, as nanoGPT keeps the config beside the weights), <c>vocab.json</c> and
/// <c>checksums.json</c>. Each file is written to a temporary name and renamed, so a crash never leaves a
/// half-written file; every kind of model is saved and loaded by the same two methods.
/// </summary>
public static class ModelFiles
{
    public const string WeightsFile = "weights.bin";
    public const string ConfigFile = "model.json";
    public const string VocabularyFile = "vocab.json";
    private const int FormatVersion = 1;

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>
    /// Writes a model directory for any kind: model.json (kind, format version, config), vocab.json and
    /// weights.bin, each atomically, then checksums.json with the XxHash64 of each, so a damaged or altered
    /// file is named when the model is loaded.
    /// </summary>
    public static void Save(string directory, string kind, IModelConfig config, nn.Module model, Vocabulary vocabulary)
    {
        Directory.CreateDirectory(directory);
        // The config is written as its own record type (all its fields), not as the interface.
        var root = new JsonObject { ["kind"] = kind, ["format_version"] = FormatVersion, ["config"] = JsonSerializer.SerializeToNode(config, config.GetType(), JsonOptions) };
        AtomicFile.WriteAllText(Path.Combine(directory, ConfigFile), root.ToJsonString(JsonOptions));
        AtomicFile.WriteAllText(Path.Combine(directory, VocabularyFile), vocabulary.ToJson());
        AtomicFile.Write(Path.Combine(directory, WeightsFile), temp => model.save(temp));
        FileChecksums.Record(directory, [ConfigFile, VocabularyFile, WeightsFile]);
    }

    /// <summary>
    /// Loads a model directory of the given kind onto <paramref name="device"/>, in eval mode: checksums
    /// verified (when the directory has them: models saved before checksums existed load as before), the
    /// config checked for sizes this machine can hold before anything is allocated, the vocabulary matched
    /// to the embedding, and the weights loaded strictly.
    /// </summary>
    public static (TModel Model, Vocabulary Vocabulary) Load<TModel, TConfig>(string directory, string kind, Device device, Func<TConfig, TModel> create)
        where TModel : nn.Module where TConfig : IModelConfig
    {
        FileChecksums.Verify(directory);
        var (node, vocabulary) = ReadConfig(directory, kind);
        var config = Deserialize<TConfig>(directory, node);
        CheckBackbone(directory, config.Backbone);
        CheckVocabulary(directory, config.Backbone.VocabSize, vocabulary);
        TModel model;
        try
        {
            model = create(config);
        }
        catch (ArgumentException e)
        {
            throw InputException.At(Path.Combine(directory, ConfigFile), null, $"invalid model config: {e.Message}");
        }
        LoadWeights(directory, model);
        model.to(device);
        model.eval();
        return (model, vocabulary);
    }

    /// <summary>
    /// A saved shape must make sense and fit in memory before a tensor is allocated: model.json is a file
    /// anyone can edit, and a crafted one (negative sizes, a 51 GB embedding) must be a one-line error.
    /// </summary>
    private static void CheckBackbone(string directory, BackboneConfig backbone)
    {
        var path = Path.Combine(directory, ConfigFile);
        try
        {
            backbone.Validate();
        }
        catch (ArgumentException e)
        {
            throw InputException.At(path, null, $"invalid model config: {e.Message}", "the file is damaged or was edited; use the model folder a run wrote");
        }
        long bytes = backbone.ParameterCount() * sizeof(float);
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (bytes > available)
            throw InputException.At(path, null, $"the model's backbone alone would take {bytes / (1024.0 * 1024 * 1024):N1} GiB, more than this machine's {available / (1024.0 * 1024 * 1024):N1} GiB",
                "the file is damaged or was edited, or the model was trained on a larger machine");
    }

    /// <summary>The backbone shape and vocabulary of any saved model, for starting another task from it.</summary>
    public static (BackboneConfig Backbone, Vocabulary Vocabulary, string Kind) ReadBackbone(string directory)
    {
        var kind = KindOf(directory);
        var (node, vocabulary) = ReadConfig(directory, kind);
        var backbone = node["backbone"]?.Deserialize<BackboneConfig>(JsonOptions)
            ?? throw InputException.At(Path.Combine(directory, ConfigFile), null, "no backbone in the model config");
        return (backbone, vocabulary, kind);
    }

    /// <summary>
    /// Copies the backbone weights of the model saved in <paramref name="directory"/> into <paramref name="target"/>'s
    /// backbone (same parameter names and shapes); the target's other parameters keep their initial values.
    /// </summary>
    public static void LoadBackbone(string directory, nn.Module target)
    {
        var weightsPath = Path.Combine(directory, WeightsFile);
        if (!File.Exists(weightsPath)) throw InputException.At(directory, null, $"no {WeightsFile} in the model directory");
        FileChecksums.Verify(directory);
        var expected = target.state_dict().Keys.Where(k => k.StartsWith("backbone.", StringComparison.Ordinal)).ToList();
        // Everything but the backbone stays as initialised: skip the saved model's own head.
        var skip = target.state_dict().Keys.Where(k => !k.StartsWith("backbone.", StringComparison.Ordinal)).ToList();
        var loaded = new Dictionary<string, bool>();
        try
        {
            target.load(weightsPath, strict: false, skip: skip, loadedParameters: loaded);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or EndOfStreamException or FormatException)
        {
            throw InputException.At(weightsPath, null, $"the pretrained weights do not fit this model's backbone: {e.Message.Split('\n')[0]}",
                "the backbone's width, layers, heads, feed-forward width, maximum length and positional encoding must equal the pretrained model's");
        }
        var missing = expected.Where(k => !loaded.GetValueOrDefault(k)).ToList();
        if (missing.Count > 0)
            throw InputException.At(weightsPath, null, $"the pretrained weights lack {missing.Count} backbone parameters (e.g. {missing[0]})",
                "start from a model saved by this version, with the same backbone shape");
    }

    private static T Deserialize<T>(string directory, JsonNode node)
    {
        try
        {
            return node.Deserialize<T>(JsonOptions) ?? throw new JsonException("empty config");
        }
        catch (JsonException e)
        {
            throw InputException.At(Path.Combine(directory, ConfigFile), null, $"invalid model config: {e.Message}");
        }
    }

    private static void CheckVocabulary(string directory, int expected, Vocabulary vocabulary)
    {
        if (expected != vocabulary.Count)
            throw InputException.At(directory, null,
                $"weights and vocabulary do not match: the model expects {expected} tokens but {VocabularyFile} holds {vocabulary.Count}",
                "the files come from different runs; copy the whole model directory of one run");
    }

    /// <summary>The kind of model a directory holds ("property", "generation", ...), read from its model.json.</summary>
    public static string KindOf(string directory)
    {
        var configPath = Path.Combine(directory, ConfigFile);
        if (!File.Exists(configPath))
            throw InputException.At(directory, null, $"no {ConfigFile} in the model directory", "pass the 'model' folder of a finished run (or the run directory itself)");
        try
        {
            return (string?)JsonNode.Parse(File.ReadAllText(configPath))?["kind"] ?? "unknown";
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw InputException.At(configPath, null, $"not valid JSON: {e.Message}");
        }
    }

    private static (JsonNode Config, Vocabulary Vocabulary) ReadConfig(string directory, string kind)
    {
        if (!Directory.Exists(directory))
            throw InputException.At(directory, null, "model directory not found", "pass the 'model' folder of a run directory (or the run directory itself)");
        var configPath = Path.Combine(directory, ConfigFile);
        if (!File.Exists(configPath))
            throw InputException.At(directory, null, $"no {ConfigFile} in the model directory", "pass the 'model' folder of a finished run");
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(configPath))?.AsObject() ?? throw new JsonException("empty document");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw InputException.At(configPath, null, $"not valid JSON: {e.Message}");
        }
        var actualKind = (string?)root["kind"];
        if (actualKind != kind)
            throw InputException.At(configPath, null, $"this is a '{actualKind}' model, not a '{kind}' model", $"use the model folder of a '{kind}' run");
        if ((int?)root["format_version"] != FormatVersion)
            throw InputException.At(configPath, null, $"model format version {root["format_version"]} is not supported (expected {FormatVersion})");
        var vocabulary = Vocabulary.Load(Path.Combine(directory, VocabularyFile));
        return (root["config"] ?? throw InputException.At(configPath, null, "no 'config' object"), vocabulary);
    }

    private static void LoadWeights(string directory, nn.Module model)
    {
        var weightsPath = Path.Combine(directory, WeightsFile);
        if (!File.Exists(weightsPath)) throw InputException.At(directory, null, $"no {WeightsFile} in the model directory");
        try
        {
            model.load(weightsPath, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or EndOfStreamException or FormatException)
        {
            throw InputException.At(weightsPath, null, $"weights do not fit the model described by {ConfigFile}: {e.Message.Split('\n')[0]}",
                "the files come from different runs or the weights are damaged");
        }
    }
}
