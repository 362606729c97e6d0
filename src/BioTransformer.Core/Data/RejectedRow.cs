namespace BioTransformer.Core.Data;

/// <summary>A row that was skipped: its 1-based line in the file, its sequence field (may be empty) and why.</summary>
public sealed record RejectedRow(int Line, string Sequence, string Reason);
