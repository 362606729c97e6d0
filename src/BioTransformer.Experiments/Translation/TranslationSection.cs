using BioTransformer.Experiments.Manifests;

namespace BioTransformer.Experiments.Translation;

/// <summary>Which way a reaction is read when the data hold reaction SMILES.</summary>
public enum ReactionDirection
{
    /// <summary>Single-step retrosynthesis: product → reactants.</summary>
    Retro,

    /// <summary>Forward prediction: reactants (and agents) → product.</summary>
    Forward,
}

/// <summary>The [translation] table: an encoder–decoder model turning one SMILES into another (reactions).</summary>
public sealed record TranslationSection
{
    [Key("source_column", "column the encoder reads (e.g. the product for retrosynthesis); ignored with reaction_column")]
    public string SourceColumn { get; init; } = "product";

    [Key("target_column", "column the decoder learns to write (e.g. the reactants, '.'-separated); ignored with reaction_column")]
    public string TargetColumn { get; init; } = "reactants";

    [Key("reaction_column", "a column of reaction SMILES (A.B>>C or A>agents>C) to read source and target from, by direction; empty = source_column and target_column")]
    public string ReactionColumn { get; init; } = "";

    [Key("direction", "with reaction_column: retro (product -> reactants) or forward (reactants and agents -> product)")]
    public ReactionDirection Direction { get; init; } = ReactionDirection.Retro;

    [Key("class_column", "column of a reaction class given to the encoder as a token before the source (USPTO-50k's 'reaction class known'); empty = none")]
    public string ClassColumn { get; init; } = "";

    [Key("decoder_layers", "decoder blocks (the encoder has model.layers)")]
    [Range(1, 96)]
    public int DecoderLayers { get; init; } = 4;

    [Key("shared_embeddings", "one token embedding for encoder input, decoder input and output projection (one vocabulary serves both); false = the decoder has its own")]
    public bool SharedEmbeddings { get; init; } = true;

    [Key("label_smoothing", "share of each target token's probability spread over the vocabulary in the training loss (0.1 in the original transformer)")]
    [Range(0, 0.5)]
    public double LabelSmoothing { get; init; } = 0.1;

    [Key("beam_size", "beams kept while decoding the test split; 1 = greedy")]
    [Range(1, 100)]
    public int BeamSize { get; init; } = 10;

    [Key("top_n", "candidates written per test input and the largest k of top-k accuracy (at most beam_size)")]
    [Range(1, 100)]
    public int TopN { get; init; } = 10;

    [Key("length_penalty", "alpha: candidates are ranked by log P / length^alpha; 0 = by probability")]
    [Range(0, 5)]
    public double LengthPenalty { get; init; }

    [Key("decode_batch_size", "test inputs decoded together (each with beam_size beams)")]
    [Range(1, 4096)]
    public int DecodeBatchSize { get; init; } = 32;

    [Key("evaluate_rows", "decode only the first N rows of the test split (0 = all): for quick runs; the metrics say how many were scored")]
    [Range(0, int.MaxValue)]
    public int EvaluateRows { get; init; }
}
