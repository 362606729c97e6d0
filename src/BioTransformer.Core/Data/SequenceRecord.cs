namespace BioTransformer.Core.Data;

/// <summary>
/// One usable row of a data file: its 1-based line in the file, the sequence (surrounding whitespace
/// removed) and one label per target column, null where the label is missing.
/// </summary>
public sealed record SequenceRecord(int Line, string Sequence, double?[] Labels);
