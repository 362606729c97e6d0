namespace BioTransformer.Core.Data;

/// <summary>
/// What to read from a data file and how to check it.
/// </summary>
/// <param name="SequenceColumn">Header of the column holding SMILES or residues (ignored for .smi files).</param>
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
    bool RequireLabel = true)
{
    /// <summary>Longest line (CSV record) read, in characters, unless raised: 1 Mi, far beyond any molecule or protein.</summary>
    public const int DefaultMaxLineLength = IO.LineReader.DefaultMaxLength;

    /// <summary>How the user names the sequence column, for error messages: a manifest key or a command-line flag.</summary>
    public string SequenceSetting { get; init; } = "data.sequence_column";

    /// <summary>How the user names the label columns, for error messages.</summary>
    public string LabelSetting { get; init; } = "data.targets";

    /// <summary>A SMILES file's first line names its columns (RDKit's titleLine) instead of holding a molecule.</summary>
    public bool SmiHeader { get; init; }

    /// <summary>Read as a SMILES file (true) or a CSV (false) whatever the name; null = by the name (.smi, .txt).</summary>
    public bool? LineFormat { get; init; }

    /// <summary>A longer line or record is an error (bounded memory on hostile input).</summary>
    public int MaxLineLength { get; init; } = MaxLineLengthFromEnvironment();

    /// <summary>BIOTRANSFORMER_MAX_LINE_LENGTH raises (or lowers) the limit for every reader.</summary>
    public static int MaxLineLengthFromEnvironment() => IO.LineReader.MaxLengthFromEnvironment();
}
