using BioTransformer.Modeling.Backbone;

namespace BioTransformer.Modeling.Heads;

/// <summary>How contacts are read off the backbone.</summary>
public enum ContactHeadKind
{
    /// <summary>Pair features of residue embeddings (product and difference, plus separation) refined by a 2D residual CNN.</summary>
    Pair,

    /// <summary>ESM's route: symmetrized, APC-corrected attention maps of every layer and head, combined by logistic regression (backbone frozen).</summary>
    Attention,
}

/// <summary>Everything needed to rebuild a contact model; saved beside its weights.</summary>
/// <param name="PairDim">Width of the projected residue features whose products and differences make the pair features.</param>
/// <param name="Channels">Channels of the 2D residual network.</param>
/// <param name="Blocks">Residual blocks (dilations cycle 1, 2, 4, 8).</param>
public sealed record ContactModelConfig(BackboneConfig Backbone, ContactHeadKind Head, int PairDim = 32, int Channels = 32, int Blocks = 4) : IModelConfig
{
    /// <summary>Separations beyond this share one learned embedding.</summary>
    public const int SeparationBins = 32;
}
