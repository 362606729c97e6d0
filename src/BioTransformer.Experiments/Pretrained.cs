using BioTransformer.Core;
using BioTransformer.Core.Tokenization;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Runs;
using BioTransformer.Modeling.Backbone;
using BioTransformer.Modeling.Checkpoints;

namespace BioTransformer.Experiments;

/// <summary>
/// Starting a run from another run's backbone (<c>init_from</c>): the new run adopts the pretrained
/// vocabulary (so token ids mean the same), its [model] shape must equal the pretrained backbone's,
/// and the backbone weights are copied in before training; the task head starts fresh.
/// </summary>
public static class Pretrained
{
    /// <summary>The model folder of a run directory, or the folder itself.</summary>
    public static string ModelDirectory(string path) =>
        Directory.Exists(Path.Combine(path, "model")) ? Path.Combine(path, "model") : path;

    /// <summary>
    /// The vocabulary of the run: the pretrained one when init_from is set (after checking the shape),
    /// otherwise <paramref name="build"/>(). Tokens of the data the pretrained vocabulary lacks are counted and reported.
    /// </summary>
    public static Vocabulary Vocabulary(Manifest manifest, Domain domain, Func<Vocabulary> build, IEnumerable<IReadOnlyList<string>> dataTokens, IRunReporter reporter)
    {
        if (manifest.InitFrom.Length == 0) return build();
        var directory = ModelDirectory(manifest.InitFrom);
        var (backbone, vocabulary, kind) = ModelFiles.ReadBackbone(directory);
        CheckShape(manifest, backbone, directory);
        if (vocabulary.IdsOf(domain).Count == 0)
            throw InputException.At(directory, null, $"the pretrained vocabulary has no {domain.ToString().ToLowerInvariant()} tokens");
        int unknown = dataTokens.Count(t => vocabulary.CountUnknown(domain, t) > 0);
        reporter.Info($"Starting from the backbone of a '{kind}' model: {directory}");
        if (unknown > 0) reporter.Warning($"{unknown} sequences hold tokens the pretrained vocabulary lacks; they are read as <unk>");
        return vocabulary;
    }

    /// <summary>
    /// Everything a run will check of init_from before training, without reading the data: the folder holds
    /// a model (checksums intact), its backbone has the manifest's shape, and its vocabulary has the domain's
    /// tokens. `validate` calls it, so it never passes a manifest that `run` would refuse.
    /// </summary>
    public static void Check(Manifest manifest, Domain domain)
    {
        if (manifest.InitFrom.Length == 0) return;
        var directory = ModelDirectory(manifest.InitFrom);
        FileChecksums.Verify(directory);
        var (backbone, vocabulary, _) = ModelFiles.ReadBackbone(directory);
        CheckShape(manifest, backbone, directory);
        if (vocabulary.IdsOf(domain).Count == 0)
            throw InputException.At(directory, null, $"the pretrained vocabulary has no {domain.ToString().ToLowerInvariant()} tokens");
    }

    /// <summary>Copies the pretrained backbone into <paramref name="model"/> when init_from is set.</summary>
    public static void LoadInto(Manifest manifest, TorchSharp.torch.nn.Module model)
    {
        if (manifest.InitFrom.Length == 0) return;
        ModelFiles.LoadBackbone(ModelDirectory(manifest.InitFrom), model);
    }

    private static void CheckShape(Manifest manifest, BackboneConfig pretrained, string directory)
    {
        var m = manifest.Model;
        var differences = new List<string>();
        void Compare(string key, object mine, object theirs)
        {
            static string Text(object value) => value is Enum e ? $"\"{ManifestEnums.Text(e)}\"" : value.ToString()!;
            if (!Equals(mine, theirs)) differences.Add($"model.{key} = {Text(mine)} but the pretrained backbone has {Text(theirs)}");
        }
        Compare("dim", m.Dim, pretrained.Dim);
        Compare("layers", m.Layers, pretrained.Layers);
        Compare("heads", m.Heads, pretrained.Heads);
        Compare("feed_forward", m.FeedForward, pretrained.FeedForward);
        Compare("max_length", m.MaxLength, pretrained.MaxLength);
        Compare("positional", m.Positional, pretrained.Positional);
        if (differences.Count > 0)
            throw InputException.At(manifest.SourcePath, null, $"init_from {directory}: {string.Join("; ", differences)}",
                "set the [model] table to the pretrained run's shape");
    }
}
