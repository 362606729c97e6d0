using BioTransformer.Core.Tokenization;

namespace BioTransformer.Experiments.Manifests;

/// <summary>The [data] table: which file, which columns, how to split.</summary>
public sealed record DataSection
{
    [Key("path", "CSV/TSV with a header, .smi, FASTA (mlm) or structure JSON lines (contacts), optionally .gz; relative to this manifest's folder")]
    [Required]
    [PathKey]
    public string Path { get; init; } = "";

    [Key("domain", "what the sequence column holds: smiles or protein")]
    public Domain Domain { get; init; } = Domain.Smiles;

    [Key("sequence_column", "header of the column with the SMILES or amino-acid sequences")]
    public string SequenceColumn { get; init; } = "smiles";

    [Key("targets", "headers of the label columns, one model output each; blank cells are missing labels (masked)")]
    public IReadOnlyList<string> Targets { get; init; } = [];

    [Key("split", "how rows are assigned to train/valid/test: random (seeded); scaffold (Bemis-Murcko groups dealt largest first, DeepChem/MoleculeNet's deterministic split, seed unused); scaffold_balanced (chemprop's: big groups to train, the rest shuffled with the seed); cluster (protein structures: whole clusters, shuffled with the seed); predefined (the split_column's train/valid/test, e.g. a benchmark's standard split)")]
    public SplitKind Split { get; init; } = SplitKind.Random;

    [Key("split_column", "with split = \"predefined\": the column naming each row's split (train, valid or test)")]
    public string SplitColumn { get; init; } = "split";

    [Key("fractions", "train, validation and test fractions; they must sum to 1")]
    [Range(0, 1)]
    public IReadOnlyList<double> Fractions { get; init; } = [0.8, 0.1, 0.1];

    [Key("validate_smiles", "reject rows whose SMILES is not a valid molecule (valence, kekulization), as chemists' toolkits judge it")]
    public bool ValidateSmiles { get; init; } = true;

    [Key("strict", "true: a bad row (unparsable sequence, non-numeric label) is an error; false: it is skipped and reported")]
    public bool Strict { get; init; }
}
