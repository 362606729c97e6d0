using BioTransformer.Core.Tokenization;
using BioTransformer.Modeling.Backbone;

namespace BioTransformer.Modeling.Heads;

/// <summary>Everything needed to rebuild an encoder–decoder model; saved beside its weights.</summary>
/// <param name="Backbone">The encoder: the shared backbone's shape. The decoder has the same width, heads,
/// feed-forward width, dropout, maximum length and positional encoding.</param>
/// <param name="DecoderLayers">Decoder blocks.</param>
/// <param name="SharedEmbeddings">One token embedding for the encoder's input, the decoder's input and the output
/// projection (one vocabulary serves both sides); otherwise the decoder has its own, tied to its output projection.</param>
/// <param name="SourceDomain">What the encoder reads.</param>
/// <param name="TargetDomain">What the decoder writes.</param>
public sealed record TranslationModelConfig(
    BackboneConfig Backbone,
    int DecoderLayers,
    bool SharedEmbeddings,
    Domain SourceDomain,
    Domain TargetDomain) : IModelConfig
{
    /// <summary>The decoder's shape.</summary>
    public BackboneConfig Decoder => Backbone with { Layers = DecoderLayers };
}
