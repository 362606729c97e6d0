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
        var records = new List<SequenceRecord>();
        var rejected = new List<RejectedRow>();
        foreach (var row in Rows(path, schema))
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

    /// <summary>
    /// The file's data rows in file order, each checked by the schema (Problem set when the row is
    /// rejected; under Strict a bad row throws instead). Streams: only one row is held at a time, so
    /// files of millions of rows are read in constant memory. Binary and unreadable files are errors.
    /// </summary>
    public static IEnumerable<TableRow> Rows(string path, TableSchema schema)
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
        return IsLineFormat(path) ? LineRows(path, schema) : CsvRows(path, schema);
    }

    private static IEnumerable<TableRow> CsvRows(string path, TableSchema schema)
    {
        var options = CsvReaderOptions.Default with
        {
            TrackLineNumbers = true,
            Separator = StripGz(path).EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',',
            MalformedData = CsvMalformedDataHandling.Throw,
        };
        using var stream = Open(path);
        using var csv = CsvReader.Create(stream, options, leaveOpen: false);
        int seqIndex = 0;
        int[] labelIndex = [];
        Guarded(path, () =>
        {
            csv.ReadHeader();
            var headers = csv.Headers;
            if (headers.Count == 0) throw InputException.At(path, null, "the file is empty", "expected a header line naming the columns");
            seqIndex = ColumnIndex(headers, schema.SequenceColumn, path, "sequence_column");
            labelIndex = schema.LabelColumns.Select(c => ColumnIndex(headers, c, path, "targets")).ToArray();
            return true;
        });
        // A yield cannot sit inside a try with a catch: each row is read inside Guarded, then yielded.
        while (Guarded(path, csv.Read))
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
            yield return Checked(path, schema, new TableRow(line, sequence, labels, problem));
        }
    }

    /// <summary>Runs one read step, turning the CSV library's and the decompressor's exceptions into one-line input errors.</summary>
    private static bool Guarded(string path, Func<bool> step)
    {
        try
        {
            return step();
        }
        catch (CsvFormatException e)
        {
            throw InputException.At(path, e.LineNumber > 0 ? (int)e.LineNumber : null, $"malformed CSV: {e.Message}", "check the quoting of that row");
        }
        catch (InvalidDataException e)
        {
            throw InputException.At(path, null, $"cannot read the file: {e.Message}", "is it a complete, uncorrupted file?");
        }
    }

    private static IEnumerable<TableRow> LineRows(string path, TableSchema schema)
    {
        if (schema.LabelColumns.Count > 0)
            throw InputException.At(path, null, "a SMILES-per-line file has no label columns", "use a CSV file with a header for labelled data");
        using var reader = new StreamReader(Open(path));
        int line = 0;
        while (true)
        {
            string? text;
            try
            {
                text = reader.ReadLine();
            }
            catch (InvalidDataException e)
            {
                throw InputException.At(path, line + 1, $"cannot read the file: {e.Message}", "is it a complete, uncorrupted file?");
            }
            if (text is null) yield break;
            line++;
            var trimmed = text.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;
            var sequence = trimmed.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0];
            yield return Checked(path, schema, new TableRow(line, sequence, [], schema.CheckSequence(sequence)));
        }
    }

    /// <summary>Under Strict, a rejected row is an error naming its line.</summary>
    private static TableRow Checked(string path, TableSchema schema, TableRow row) =>
        row.Problem is not null && schema.Strict
            ? throw InputException.At(path, row.Line, row.Problem, "fix or remove the row, or set strict = false to skip bad rows")
            : row;

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
