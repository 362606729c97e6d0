using System.Globalization;
using System.IO.Compression;
using CsvHelper;

namespace BioTransformer.Core.Data;

/// <summary>
/// Reads sequences and labels from CSV/TSV files with a header (RFC 4180: quoted fields may hold commas
/// and newlines; BOM and CRLF are fine) and from SMILES files (.smi: one SMILES a line, optionally
/// followed by whitespace and a name; '#' starts a comment). Files ending in .gz are decompressed.
/// Missing labels (empty, NaN, NA, N/A) are kept as null so losses can mask them. Rows whose sequence
/// or label is unusable are skipped and reported with their line, or are an error when strict.
/// </summary>
public static class SequenceTableReader
{
    private static readonly HashSet<string> MissingLabelTexts = new(StringComparer.OrdinalIgnoreCase) { "", "nan", "na", "n/a", "null" };

    /// <summary>Whether a path names a SMILES-per-line file (.smi, .smi.gz, .txt) rather than a CSV.</summary>
    public static bool IsLineFormat(string path)
    {
        var name = StripGz(path).ToLowerInvariant();
        return name.EndsWith(".smi") || name.EndsWith(".txt");
    }

    public static SequenceTable Read(string path, TableSchema schema)
    {
        if (!File.Exists(path))
            throw InputException.At(path, null, "data file not found", "check the path; relative paths in a manifest are relative to the manifest's folder");
        try
        {
            if (IO.DataFile.LooksBinary(path))
                throw InputException.At(path, null, "binary data, not a text table", "pass the CSV, TSV or .smi file itself (optionally .gz)");
        }
        catch (InvalidDataException e)
        {
            throw InputException.At(path, null, $"cannot read the file: {e.Message}", "is it a complete, uncorrupted file?");
        }
        var table = IsLineFormat(path) ? ReadLines(path, schema) : ReadCsv(path, schema);
        if (table.RowCount == 0)
            throw InputException.At(path, null, "the file holds no data rows", "expected a header line followed by at least one row");
        if (table.Records.Count == 0)
        {
            var first = table.Rejected[0];
            throw InputException.At(path, first.Line, $"no usable rows: all {table.Rejected.Count} rows were rejected; the first: {first.Reason}");
        }
        return table;
    }

    private static SequenceTable ReadCsv(string path, TableSchema schema)
    {
        var records = new List<SequenceRecord>();
        var rejected = new List<RejectedRow>();
        var options = CsvReaderOptions.Default with
        {
            TrackLineNumbers = true,
            Separator = StripGz(path).EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',',
            MalformedData = CsvMalformedDataHandling.Throw,
        };
        using var stream = Open(path);
        using var csv = CsvReader.Create(stream, options, leaveOpen: false);
        try
        {
            csv.ReadHeader();
            var headers = csv.Headers;
            if (headers.Count == 0) throw InputException.At(path, null, "the file is empty", "expected a header line naming the columns");
            int seqIndex = ColumnIndex(headers, schema.SequenceColumn, path, "sequence_column");
            var labelIndex = schema.LabelColumns.Select(c => ColumnIndex(headers, c, path, "targets")).ToArray();

            while (csv.Read())
            {
                int line = (int)csv.LineNumber;
                var sequence = seqIndex < csv.FieldCount ? csv.GetString(seqIndex).Trim() : "";
                var labels = new double?[labelIndex.Length];
                string? problem = sequence.Length == 0 ? $"empty {schema.SequenceColumn}" : schema.CheckSequence(sequence);
                for (int k = 0; k < labelIndex.Length && problem is null; k++)
                {
                    var text = labelIndex[k] < csv.FieldCount ? csv.GetString(labelIndex[k]).Trim() : "";
                    if (MissingLabelTexts.Contains(text)) continue;
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                        problem = $"label '{Abbreviate(text)}' in column '{schema.LabelColumns[k]}' is not a number";
                    else if (schema.CheckLabel?.Invoke(value) is { } labelProblem)
                        problem = $"label {text} in column '{schema.LabelColumns[k]}' {labelProblem}";
                    else labels[k] = value;
                }
                if (problem is null && schema.RequireLabel && labels.Length > 0 && labels.All(l => l is null))
                    problem = "every label is missing";
                Accept(path, schema, records, rejected, line, sequence, labels, problem);
            }
        }
        catch (CsvFormatException e)
        {
            throw InputException.At(path, e.LineNumber > 0 ? (int)e.LineNumber : null, $"malformed CSV: {e.Message}", "check the quoting of that row");
        }
        catch (InvalidDataException e)
        {
            throw InputException.At(path, null, $"cannot read the file: {e.Message}", "is it a complete, uncorrupted file?");
        }
        return new SequenceTable(path, schema.LabelColumns, records, rejected);
    }

    private static SequenceTable ReadLines(string path, TableSchema schema)
    {
        if (schema.LabelColumns.Count > 0)
            throw InputException.At(path, null, "a SMILES-per-line file has no label columns", "use a CSV file with a header for labelled data");
        var records = new List<SequenceRecord>();
        var rejected = new List<RejectedRow>();
        using var reader = new StreamReader(Open(path));
        int line = 0;
        try
        {
            for (string? text = reader.ReadLine(); text is not null; text = reader.ReadLine())
            {
                line++;
                var trimmed = text.Trim();
                if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;
                var sequence = trimmed.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0];
                Accept(path, schema, records, rejected, line, sequence, [], schema.CheckSequence(sequence));
            }
        }
        catch (InvalidDataException e)
        {
            throw InputException.At(path, line + 1, $"cannot read the file: {e.Message}", "is it a complete, uncorrupted file?");
        }
        return new SequenceTable(path, [], records, rejected);
    }

    private static void Accept(string path, TableSchema schema, List<SequenceRecord> records, List<RejectedRow> rejected,
        int line, string sequence, double?[] labels, string? problem)
    {
        if (problem is null) { records.Add(new SequenceRecord(line, sequence, labels)); return; }
        if (schema.Strict) throw InputException.At(path, line, problem, "fix or remove the row, or set strict = false to skip bad rows");
        rejected.Add(new RejectedRow(line, sequence, problem));
    }

    private static int ColumnIndex(IReadOnlyList<string> headers, string column, string path, string key)
    {
        for (int i = 0; i < headers.Count; i++)
            if (headers[i] == column) return i;
        throw InputException.At(path, 1, $"no column '{column}' in the header (columns: {string.Join(", ", headers.Select(h => $"'{h}'"))})",
            $"set {key} to one of them");
    }

    private static Stream Open(string path) => BioTransformer.Core.IO.DataFile.OpenRead(path);

    private static string StripGz(string path) =>
        path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;

    private static string Abbreviate(string s) => s.Length <= 40 ? s : s[..37] + "...";
}
