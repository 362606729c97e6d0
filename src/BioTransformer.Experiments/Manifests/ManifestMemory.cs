using BioTransformer.Core;
using BioTransformer.Experiments.Tasks;
using BioTransformer.Modeling;

namespace BioTransformer.Experiments.Manifests;

/// <summary>Refuses a manifest whose model cannot be trained in this machine's memory, naming the keys that size it.</summary>
public static class ManifestMemory
{
    /// <summary>Vocabulary assumed before the data are read: the shared base tokens and room for those a data set adds.</summary>
    private const int AssumedVocabulary = 512;

    /// <returns>The estimate in bytes, for `validate` to show.</returns>
    public static long Check(Manifest manifest, int vocabularySize = AssumedVocabulary)
    {
        var backbone = ManifestConfigs.Backbone(manifest, vocabularySize);
        var head = TaskRegistry.For(manifest.Task).HeadMemory(manifest);
        long estimate = MemoryEstimate.TrainingBytes(backbone, manifest.Train.BatchSize, pairChannels: head.PairChannels, pairLength: head.PairLength);
        long available = MemoryEstimate.AvailableBytes();
        if (estimate > available * 9 / 10)
        {
            var keys = "model.dim, model.layers, model.max_length, train.batch_size" + (head.Keys.Length == 0 ? "" : ", " + head.Keys);
            throw InputException.At(manifest.SourcePath, null,
                $"training this model needs about {MemoryEstimate.GiB(estimate)}, more than this machine's {MemoryEstimate.GiB(available)}",
                $"make it smaller: {keys}");
        }
        return estimate;
    }
}
