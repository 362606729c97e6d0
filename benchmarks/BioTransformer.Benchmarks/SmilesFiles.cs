using System.IO.Compression;

namespace BioTransformer.Benchmarks;

/// <summary>Reads the SMILES column of a benchmark input (CSV with a 'smiles' header, or one SMILES a line; .gz accepted).</summary>
public static class SmilesFiles
{
    public static List<string> Read(string path)
    {
        using Stream raw = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        using var reader = new StreamReader(stream);
        var first = reader.ReadLine() ?? throw new InvalidDataException($"{path}: empty file");
        var header = first.Split(',');
        int column = Array.FindIndex(header, h => h.Trim().Equals("smiles", StringComparison.OrdinalIgnoreCase));
        var result = new List<string>();
        if (column < 0) result.Add(first.Split(' ', '\t')[0]);
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length == 0) continue;
            // Benchmark corpora hold plain SMILES (no quoted commas), so a split suffices here.
            var value = column < 0 ? line.Split(' ', '\t')[0] : line.Split(',')[column];
            if (value.Length > 0) result.Add(value);
        }
        return result;
    }
}
