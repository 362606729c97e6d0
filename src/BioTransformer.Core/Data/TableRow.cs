namespace BioTransformer.Core.Data;

/// <summary>One data row of a table as read: its line, sequence and labels, and why it is rejected (null when it is usable).</summary>
public sealed record TableRow(int Line, string Sequence, double?[] Labels, string? Problem);
