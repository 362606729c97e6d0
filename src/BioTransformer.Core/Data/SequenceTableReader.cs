namespace BioTransformer.Core.Data;

/// <summary>
/// Reads a whole data file of sequences and labels for training (see <see cref="TableReader"/> for the
/// formats and rules). Missing labels (empty, NaN, NA, N/A) are kept as null so losses can mask them. Rows
/// whose sequence or label is unusable (a blank line included) are kept aside with their line and reason,
/// or are an error when strict.
/// </summary>
public static class SequenceTableReader
{
    /// <summary>Whether a path names a SMILES-per-line file (.smi, .smi.gz, .txt) rather than a CSV.</summary>
    public static bool IsLineFormat(string path) => TableReader.IsLineFormat(path);

    public static SequenceTable Read(string path, TableSchema schema)
    {
        var records = new List<SequenceRecord>();
        var rejected = new List<RejectedRow>();
        using (var reader = TableReader.Open(path, schema))
            foreach (var row in reader.Rows())
            {
                if (row.Problem is null) records.Add(new SequenceRecord(row.Line, row.Sequence, row.Labels));
                else rejected.Add(new RejectedRow(row.Line, row.Sequence, row.Problem));
            }
        var table = new SequenceTable(path, schema.LabelColumns, records, rejected);
        if (table.RowCount == 0)
            throw InputException.At(path, null, "the file holds no data rows", "expected a header line followed by at least one row");
        if (table.Records.Count == 0)
        {
            var first = table.Rejected[0];
            throw InputException.At(path, first.Line, $"no usable rows: all {table.Rejected.Count} rows were rejected; the first: {first.Reason}");
        }
        return table;
    }
}
