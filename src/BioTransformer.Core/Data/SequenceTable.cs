namespace BioTransformer.Core.Data;

/// <summary>The rows read from one data file, with the rows that were skipped and why.</summary>
public sealed record SequenceTable(
    string Path,
    IReadOnlyList<string> LabelColumns,
    IReadOnlyList<SequenceRecord> Records,
    IReadOnlyList<RejectedRow> Rejected)
{
    /// <summary>Data rows in the file (usable plus rejected; header, blank and comment lines excluded).</summary>
    public int RowCount => Records.Count + Rejected.Count;
}
