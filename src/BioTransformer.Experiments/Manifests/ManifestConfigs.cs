using BioTransformer.Modeling.Backbone;
using BioTransformer.Modeling.Training;

namespace BioTransformer.Experiments.Manifests;

/// <summary>The modelling layer's configuration records from a manifest's [model] and [train] tables.</summary>
public static class ManifestConfigs
{
    /// <summary>The backbone shape of [model] over a vocabulary of <paramref name="vocabularySize"/> tokens.</summary>
    public static BackboneConfig Backbone(Manifest manifest, int vocabularySize)
    {
        var m = manifest.Model;
        return new BackboneConfig(vocabularySize, m.Dim, m.Layers, m.Heads, m.FeedForward, m.Dropout, m.MaxLength,
            m.Positional);
    }

    /// <summary>Optimiser, schedule and stopping settings of [train], seeded with the manifest's seed.</summary>
    public static TrainingOptions Training(Manifest manifest)
    {
        var t = manifest.Train;
        return new TrainingOptions(t.Epochs, t.BatchSize, t.LearningRate, t.WeightDecay, t.WarmupFraction, t.MinLrRatio, t.GradClip, t.Patience, manifest.Seed);
    }
}
