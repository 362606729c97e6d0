using BioTransformer.Core;
using CsvHelper;

namespace BioTransformer.Experiments.Reports;

/// <summary>A CSV file a run wrote (header + rows of text), read back for figures and reports.</summary>
public sealed class SavedCsv
{
    public string Path { get; }
    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<string[]> Rows { get; }

    private SavedCsv(string path, IReadOnlyList<string> header, IReadOnlyList<string[]> rows) => (Path, Header, Rows) = (path, header, rows);

    /// <summary>Reads the whole file; a missing or malformed file is a one-line <see cref="InputException"/>.</summary>
    public static SavedCsv Read(string path)
    {
        if (!File.Exists(path)) throw InputException.At(path, null, "the file does not exist", "was the run finished by this version of BioTransformer?");
        var options = CsvReaderOptions.Default with { TrackLineNumbers = true, MalformedData = CsvMalformedDataHandling.Throw };
        using var csv = CsvReader.Create(File.OpenRead(path), options, leaveOpen: false);
        var rows = new List<string[]>();
        try
        {
            csv.ReadHeader();
            var header = csv.Headers.ToArray();
            if (header.Length == 0) throw InputException.At(path, null, "the file is empty", "re-run the experiment: a finished run always writes a header");
            while (csv.Read())
                rows.Add(Enumerable.Range(0, header.Length).Select(i => i < csv.FieldCount ? csv.GetString(i) : "").ToArray());
            return new SavedCsv(path, header, rows);
        }
        catch (CsvFormatException e)
        {
            throw InputException.At(path, e.LineNumber > 0 ? (int)e.LineNumber : null, $"malformed CSV: {e.Message}", "the run's files were edited or truncated; re-run the experiment");
        }
    }

    /// <summary>Index of a column, or a one-line error naming the file and the column.</summary>
    public int Column(string name)
    {
        int index = Header.ToList().IndexOf(name);
        return index >= 0 ? index : throw InputException.At(Path, 1, $"no column '{name}'", "was the run written by this version of BioTransformer?");
    }

    /// <summary>The column as numbers; blank cells are NaN, text that is not a number is a one-line error.</summary>
    public double[] Numbers(int column) => Rows.Select((row, r) =>
    {
        var text = row[column].Trim();
        if (text.Length == 0) return double.NaN;
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v
            : throw InputException.At(Path, r + 2, $"'{text}' in column '{Header[column]}' is not a number", "the run's files were edited; re-run the experiment");
    }).ToArray();

    public double[] Numbers(string column) => Numbers(Column(column));
}
