using BioTransformer.Experiments.Manifests;
using BioTransformer.Modeling.Heads;

namespace BioTransformer.Experiments.Contacts;

/// <summary>The [contacts] table: how contacts are predicted from the backbone.</summary>
public sealed record ContactsSection
{
    [Key("head", "pair (residue-pair features refined by a 2D residual network) or attention (ESM: logistic regression on symmetrized, APC-corrected attention maps; backbone frozen, needs init_from)")]

    public ContactHeadKind Head { get; init; } = ContactHeadKind.Pair;

    [Key("pair_dim", "width of the projected residue features whose products and differences form the pair features")]
    [Range(2, 512)]
    public int PairDim { get; init; } = 32;

    [Key("channels", "channels of the 2D residual network")]
    [Range(1, 512)]
    public int Channels { get; init; } = 32;

    [Key("blocks", "residual blocks of the 2D network (dilations 1, 2, 4, 8 repeating)")]
    [Range(0, 64)]
    public int Blocks { get; init; } = 4;

    [Key("crop", "longest stretch of residues trained on at once (random crops of longer chains, new each epoch)")]
    [Range(8, 4096)]
    public int Crop { get; init; } = 128;
}
