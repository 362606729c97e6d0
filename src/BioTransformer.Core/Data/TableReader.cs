using System.Globalization;
using CsvHelper;

namespace BioTransformer.Core.Data;

/// <summary>
/// Streams the rows of one data file — CSV/TSV with a header (RFC 4180: quoted fields may hold commas and
/// newlines; BOM and CRLF are fine) or a SMILES file (.smi/.txt: a SMILES, then optionally whitespace and a
/// name) — keeping every input field so outputs can carry the user's columns (names, ids) through.
/// Files ending in .gz are decompressed; "-" reads standard input (CSV unless <see cref="TableSchema.LineFormat"/>).
/// <list type="bullet">
/// <item>The header is read when the reader opens, so <see cref="Columns"/> is known before any row.</item>
/// <item>Columns are matched exactly, then case-insensitively (with a notice in <see cref="Notices"/>).</item>
/// <item>A blank line is a rejected row ("blank line"), never silently missing; in a SMILES file lines
/// starting with '#' are comments, counted in <see cref="CommentLines"/>.</item>
/// <item>No line may exceed <see cref="TableSchema.MaxLineLength"/> characters: a longer one is a one-line
/// error (memory stays bounded whatever the file holds).</item>
/// </list>
/// </summary>
public sealed class TableReader : IDisposable
{
    private static readonly HashSet<string> MissingLabelTexts = new(StringComparer.OrdinalIgnoreCase) { "", "nan", "na", "n/a", "null" };

    private readonly string path;
    private readonly TableSchema schema;
    private readonly CountingStream stream;
    private readonly CsvReader? csv;
    private readonly IO.LineReader? lines;
    private readonly int sequenceIndex;
    private readonly int[] labelIndex;
    private readonly List<string> notices = [];

    private TableReader(string path, TableSchema schema, CountingStream stream)
    {
        this.path = path;
        this.schema = schema;
        this.stream = stream;
        Length = stream.InnerLength;
        if (IsLineFormat(path, schema))
        {
            if (schema.LabelColumns.Count > 0)
                throw InputException.At(path, null, "a SMILES-per-line file has no label columns", "use a CSV file with a header for labelled data");
            lines = new IO.LineReader(stream, path, schema.MaxLineLength, leaveOpen: true);
            Columns = schema.SmiHeader ? ReadSmiHeader() : ["smiles", "name"];
            sequenceIndex = 0;
            labelIndex = [];
            return;
        }
        csv = CsvReader.Create(stream, new CsvReaderOptions
        {
            TrackLineNumbers = true,
            Separator = StripGz(path).EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',',
            MalformedData = CsvMalformedDataHandling.Throw,
            SkipEmptyLines = false,
            MaxRecordSize = schema.MaxLineLength,
        }, leaveOpen: true);
        Guarded(() =>
        {
            csv.ReadHeader();
            return true;
        });
        var headers = csv.Headers.ToArray();
        if (headers.Length == 0 || headers is [""]) throw InputException.At(path, null, "the file is empty", "expected a header line naming the columns");
        Columns = headers;
        sequenceIndex = ColumnIndex(schema.SequenceColumn, schema.SequenceSetting);
        labelIndex = schema.LabelColumns.Select(c => ColumnIndex(c, schema.LabelSetting)).ToArray();
    }

    /// <summary>The input's columns in file order (a SMILES file: smiles and name, or its header line's names).</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The index in <see cref="Columns"/> of the sequence column.</summary>
    public int SequenceIndex => sequenceIndex;

    /// <summary>Things a user should know that are not errors (e.g. a column matched case-insensitively).</summary>
    public IReadOnlyList<string> Notices => notices;

    /// <summary>Comment lines ('#', SMILES files) skipped so far.</summary>
    public int CommentLines { get; private set; }

    /// <summary>Bytes of the file read so far and its size (compressed, for .gz; 0 when unknown, e.g. standard input): for progress.</summary>
    public long Position => stream.Position;

    public long Length { get; }

    /// <summary>Opens a data file and reads its header. Missing, binary, empty or unreadable files are one-line errors.</summary>
    public static TableReader Open(string path, TableSchema schema)
    {
        if (path != "-" && !File.Exists(path))
            throw InputException.At(path, null, path.Length == 0 ? "no file named" : "data file not found",
                "check the path; relative paths in a manifest are relative to the manifest's folder");
        Stream raw;
        try
        {
            raw = IO.DataFile.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw InputException.At(path, null, $"cannot open the file: {e.Message}");
        }
        var gzip = raw as IO.CheckedGzipStream;
        try
        {
            if (IO.DataFile.LooksBinary(ref raw))
                throw InputException.At(path, null, "binary data, not a text table", "pass the CSV, TSV or .smi file itself (optionally .gz)");
        }
        catch (InvalidDataException e)
        {
            raw.Dispose();
            throw InputException.At(path, null, $"cannot read the file: {e.Message}", "is it a complete, uncorrupted file?");
        }
        catch
        {
            raw.Dispose();
            throw;
        }
        var stream = new CountingStream(raw, path == "-" ? 0 : new FileInfo(path).Length, gzip);
        try
        {
            return new TableReader(path, schema, stream);
        }
        catch (InvalidDataException e)
        {
            stream.Dispose();
            throw InputException.At(path, null, $"cannot read the file: {e.Message}", "is it a complete, uncorrupted file?");
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Whether a path names a SMILES-per-line file (.smi, .smi.gz, .txt) rather than a CSV.</summary>
    public static bool IsLineFormat(string path, TableSchema? schema = null)
    {
        if (schema?.LineFormat is { } forced) return forced;
        var name = StripGz(path).ToLowerInvariant();
        return name.EndsWith(".smi") || name.EndsWith(".txt");
    }

    /// <summary>
    /// The data rows in file order, each checked by the schema (Problem set when the row is rejected;
    /// under Strict a bad row throws instead). One row is held at a time.
    /// </summary>
    public IEnumerable<TableRow> Rows() => lines is not null ? LineRows() : CsvRows();

    private IEnumerable<TableRow> CsvRows()
    {
        // A yield cannot sit inside a try with a catch: each row is read inside Guarded, then yielded.
        while (Guarded(csv!.Read))
        {
            int line = (int)csv.LineNumber;
            var fields = new string[csv.FieldCount];
            for (int i = 0; i < fields.Length; i++) fields[i] = csv.GetString(i);
            if (fields is [""])
            {
                yield return Checked(new TableRow(line, "", new double?[labelIndex.Length], "blank line", fields));
                continue;
            }
            var sequence = sequenceIndex < fields.Length ? fields[sequenceIndex].Trim() : "";
            var labels = new double?[labelIndex.Length];
            string? problem = sequence.Length == 0 ? $"empty {schema.SequenceColumn}" : schema.CheckSequence(sequence);
            for (int k = 0; k < labelIndex.Length && problem is null; k++)
            {
                var text = labelIndex[k] < fields.Length ? fields[labelIndex[k]].Trim() : "";
                if (MissingLabelTexts.Contains(text)) continue;
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                    problem = $"label '{Abbreviate(text)}' in column '{schema.LabelColumns[k]}' is not a number";
                else if (schema.CheckLabel?.Invoke(value) is { } labelProblem)
                    problem = $"label {text} in column '{schema.LabelColumns[k]}' {labelProblem}";
                else labels[k] = value;
            }
            if (problem is null && schema.RequireLabel && labels.Length > 0 && labels.All(l => l is null))
                problem = "every label is missing";
            yield return Checked(new TableRow(line, sequence, labels, problem, fields));
        }
    }

    private IEnumerable<TableRow> LineRows()
    {
        while (true)
        {
            string? text = lines!.ReadLine();
            if (text is null) yield break;
            int line = lines.LineNumber;
            var trimmed = text.Trim();
            if (trimmed.StartsWith('#'))
            {
                CommentLines++;
                continue;
            }
            if (trimmed.Length == 0)
            {
                yield return Checked(new TableRow(line, "", [], "blank line", ["", ""]));
                continue;
            }
            var parts = trimmed.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            var fields = new[] { parts[0], parts.Length > 1 ? parts[1].Trim() : "" };
            yield return Checked(new TableRow(line, parts[0], [], schema.CheckSequence(parts[0]), fields));
        }
    }

    /// <summary>The first non-comment line of a SMILES file read as its column names (RDKit's titleLine).</summary>
    private string[] ReadSmiHeader()
    {
        while (lines!.ReadLine() is { } text)
        {
            var trimmed = text.Trim();
            if (trimmed.StartsWith('#'))
            {
                CommentLines++;
                continue;
            }
            var names = trimmed.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            return names.Length switch
            {
                0 => ["smiles", "name"],
                1 => [names[0], "name"],
                _ => [names[0], names[1].Trim()],
            };
        }
        throw InputException.At(path, null, "the file is empty", "expected a header line (--smi-header) and SMILES lines");
    }

    /// <summary>Under Strict, a rejected row is an error naming its line.</summary>
    private TableRow Checked(TableRow row) =>
        row.Problem is not null && schema.Strict
            ? throw InputException.At(path, row.Line, row.Problem, "fix or remove the row, or set strict = false to skip bad rows")
            : row;

    /// <summary>Runs one read step, turning the CSV library's and the decompressor's exceptions into one-line input errors.</summary>
    private bool Guarded(Func<bool> step)
    {
        try
        {
            return step();
        }
        catch (CsvFormatException e)
        {
            var tooLong = e.Message.Contains("MaxRecordSize", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("record size", StringComparison.OrdinalIgnoreCase);
            throw tooLong
                ? InputException.At(path, e.LineNumber > 0 ? (int)e.LineNumber : null, $"a row is longer than {schema.MaxLineLength:N0} characters",
                    "is it a text table? raise the limit with --max-line-length (or BIOTRANSFORMER_MAX_LINE_LENGTH) if the rows really are that long")
                : InputException.At(path, e.LineNumber > 0 ? (int)e.LineNumber : null, $"malformed CSV: {e.Message}", "check the quoting of that row");
        }
        catch (InvalidDataException e)
        {
            throw InputException.At(path, null, $"cannot read the file: {e.Message}", "is it a complete, uncorrupted file?");
        }
    }

    private int ColumnIndex(string column, string setting)
    {
        var exact = Enumerable.Range(0, Columns.Count).Where(i => Columns[i] == column).ToList();
        if (exact.Count > 1)
            throw InputException.At(path, 1, $"column '{Abbreviate(column)}' appears {exact.Count} times in the header (columns {string.Join(", ", exact.Select(i => i + 1))})",
                "rename the copies so the column to read is unambiguous");
        if (exact.Count == 1) return exact[0];
        var folded = Enumerable.Range(0, Columns.Count).Where(i => string.Equals(Columns[i], column, StringComparison.OrdinalIgnoreCase)).ToList();
        if (folded.Count == 1)
        {
            notices.Add($"{path}: column '{Columns[folded[0]]}' used for '{column}' (matched ignoring case)");
            return folded[0];
        }
        throw InputException.At(path, 1, $"no column '{column}' in the header (columns: {string.Join(", ", Columns.Select(h => $"'{Abbreviate(h)}'"))})",
            $"{setting} names the column to use");
    }

    public void Dispose()
    {
        csv?.Dispose();
        lines?.Dispose();
        stream.Dispose();
    }

    private static string StripGz(string path) =>
        path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;

    internal static string Abbreviate(string s) => s.Length <= 40 ? s : s[..37] + "...";

    /// <summary>Counts the bytes read from the (compressed) file, for progress.</summary>
    private sealed class CountingStream(Stream inner, long length, IO.CheckedGzipStream? gzip) : Stream
    {
        private long position;

        public long InnerLength { get; } = length;

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        private int Count(int n)
        {
            position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => gzip?.CompressedPosition ?? position;
            set => throw new NotSupportedException();
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
