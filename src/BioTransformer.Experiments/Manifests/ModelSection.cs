using BioTransformer.Modeling.Backbone;

namespace BioTransformer.Experiments.Manifests;

/// <summary>The [model] table: the backbone's shape.</summary>
public sealed record ModelSection
{
    [Key("dim", "width of every token's hidden state (d_model)")]
    [Range(8, 8192)]
    public int Dim { get; init; } = 256;

    [Key("layers", "number of transformer blocks")]
    [Range(1, 96)]
    public int Layers { get; init; } = 4;

    [Key("heads", "attention heads per block; must divide dim")]
    [Range(1, 128)]
    public int Heads { get; init; } = 8;

    [Key("feed_forward", "hidden width of each block's feed-forward network (usually 4 x dim)")]
    [Range(8, 65536)]
    public int FeedForward { get; init; } = 1024;

    [Key("dropout", "dropout probability while training")]
    [Range(0, 0.9)]
    public double Dropout { get; init; } = 0.1;

    [Key("max_length", "longest sequence in tokens, including the 3 special tokens; longer rows are rejected, never truncated")]
    [Range(8, 100000)]
    public int MaxLength { get; init; } = 256;

    [Key("positional", "rotary (relative, as ESM-2) or learned (absolute, as BERT)")]
    public PositionalEncoding Positional { get; init; } = PositionalEncoding.Rotary;
}
