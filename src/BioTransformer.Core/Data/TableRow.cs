namespace BioTransformer.Core.Data;

/// <summary>
/// One data row of a table as read: its line, sequence and labels, why it is rejected (null when it is
/// usable), and every field of the input row in column order (so outputs can carry names and ids through).
/// </summary>
public sealed record TableRow(int Line, string Sequence, double?[] Labels, string? Problem, IReadOnlyList<string> Fields);
