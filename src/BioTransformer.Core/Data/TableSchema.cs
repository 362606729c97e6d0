namespace BioTransformer.Core.Data;

/// <summary>
/// What to read from a data file and how to check it.
/// </summary>
/// <param name="SequenceColumn">Header of the column holding SMILES or residues (ignored for .smi/.fasta-like files).</param>
/// <param name="LabelColumns">Headers of the target columns; empty for unlabelled input.</param>
/// <param name="CheckSequence">Returns why a sequence is unusable, or null when it is fine.</param>
/// <param name="CheckLabel">Returns why a (non-missing) label is unusable, or null; e.g. "not 0 or 1".</param>
/// <param name="Strict">When true the first bad row is an error; otherwise bad rows are skipped and reported.</param>
/// <param name="RequireLabel">When true a row with every label missing is skipped as bad.</param>
public sealed record TableSchema(
    string SequenceColumn,
    IReadOnlyList<string> LabelColumns,
    Func<string, string?> CheckSequence,
    Func<double, string?>? CheckLabel = null,
    bool Strict = false,
    bool RequireLabel = true);
