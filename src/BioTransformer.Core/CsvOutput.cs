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

    public static void WriteRecord(CsvWriter writer, IReadOnlyList<string> fields)
    {
        foreach (var field in fields) writer.WriteField(field);
        writer.EndRecord();
    }

    /// <summary>Invariant-culture text of a number; empty for NaN (a missing value).</summary>
    public static string Number(double value, string format = "R") =>
        double.IsNaN(value) ? "" : value.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
}
