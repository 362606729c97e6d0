using CsvHelper;

namespace BioTransformer.Core;

/// <summary>Writes CSV files (RFC 4180 quoting, LF line ends, no formula escaping) atomically.</summary>
public static class CsvOutput
{
    /// <summary>Options for every CSV the toolkit writes: a SMILES may start with '-' or '=', so no injection escaping.</summary>
    public static CsvWriterOptions Options { get; } = CsvWriterOptions.Default with { NewLine = "\n", Injection = CsvInjection.None };

    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        AtomicFile.Write(path, temp =>
        {
            using var writer = CsvWriter.ToFile(temp, Options);
            WriteRecord(writer, header);
            foreach (var row in rows) WriteRecord(writer, row);
        });
    }

    /// <summary>
    /// Streams a CSV to <paramref name="path"/> atomically (temporary name, then rename: the file appears only
    /// complete), or to standard output when the path is "-".
    /// </summary>
    public static void Stream(string path, Action<CsvWriter> write)
    {
        if (path == "-")
        {
            using var stdout = Console.OpenStandardOutput();
            using var writer = CsvWriter.Create(stdout, Options, leaveOpen: true);
            write(writer);
            return;
        }
        AtomicFile.Write(path, temp =>
        {
            using var writer = CsvWriter.ToFile(temp, Options);
            write(writer);
        });
    }

    /// <summary>
    /// Output column names after the input's own: each of <paramref name="ours"/> that clashes with an input
    /// column (or an earlier name) gets a "bt_" prefix, so no input column is hidden or renamed.
    /// </summary>
    public static IReadOnlyList<string> AfterInputColumns(IReadOnlyList<string> input, IEnumerable<string> ours)
    {
        var taken = new HashSet<string>(input, StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var name in ours)
        {
            var unique = name;
            while (!taken.Add(unique)) unique = "bt_" + unique;
            names.Add(unique);
        }
        return names;
    }

    /// <summary>A row's input fields padded (or cut) to the input's column count.</summary>
    public static IEnumerable<string> InputFields(IReadOnlyList<string> fields, int columns) =>
        Enumerable.Range(0, columns).Select(i => i < fields.Count ? fields[i] : "");

    public static void WriteRecord(CsvWriter writer, IEnumerable<string> fields)
    {
        foreach (var field in fields) writer.WriteField(field);
        writer.EndRecord();
    }

    /// <summary>Invariant-culture text of a number; empty for NaN (a missing value).</summary>
    public static string Number(double value, string format = "R") =>
        double.IsNaN(value) ? "" : value.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
}
