using BioTransformer.Core;

namespace BioTransformer.Proteins.Structures;

/// <summary>
/// FASTA protein sequences (.gz allowed): '>' header lines (the first word is the name), sequence over
/// one or more lines, a trailing '*' (stop) tolerated. Anything else that is not an amino-acid letter
/// is an error naming the line and column.
/// </summary>
public static class FastaReader
{
    /// <summary>Longest record read (residues). Titin, the longest known chain, has about 35,000.</summary>
    public const int MaxResidues = 1_000_000;

    public static List<ProteinChain> Read(string path) => ReadStream(path).ToList();

    /// <summary>Streams the records, for corpora too large to hold (pretraining sets).</summary>
    public static IEnumerable<ProteinChain> ReadStream(string path)
    {
        if (!File.Exists(path)) throw InputException.At(path, null, "file not found");
        return Enumerate(path);
    }

    private static IEnumerable<ProteinChain> Enumerate(string path)
    {
        using var reader = new BioTransformer.Core.IO.LineReader(CoordinateFiles.Open(path), path);
        string? name = null;
        int headerLine = 0, lineNumber = 0, records = 0;
        var sequence = new System.Text.StringBuilder();
        string? line;
        while (true)
        {
            try
            {
                line = reader.ReadLine();
            }
            catch (InvalidDataException e)
            {
                throw InputException.At(path, lineNumber + 1, $"not a valid gzip file: {e.Message}");
            }
            if (line is null) break;
            lineNumber++;
            if (line.Contains('\0')) throw InputException.At(path, lineNumber, "binary data in a FASTA file");
            if (line.StartsWith('>'))
            {
                if (name is not null) { records++; yield return Finish(path, headerLine, name, sequence); }
                name = line[1..].Trim().Split([' ', '\t'], 2)[0];
                if (name.Length == 0) name = $"record{records + 1}";
                headerLine = lineNumber;
                sequence.Clear();
                continue;
            }
            var text = line.Trim();
            if (text.Length == 0) continue;
            if (name is null) throw InputException.At(path, lineNumber, "sequence before the first '>' header", "is this a FASTA file?");
            if (text.EndsWith('*')) text = text[..^1];
            for (int i = 0; i < text.Length; i++)
            {
                char c = char.ToUpperInvariant(text[i]);
                if (c > 127 || ProteinTokenizer.Alphabet.IndexOf(c) < 0)
                    throw InputException.At(path, lineNumber, $"'{text[i]}' at column {i + 1} of record '{name}' is not an amino-acid letter ({ProteinTokenizer.Alphabet})",
                        text[i] == '-' || text[i] == '.' ? "alignment gaps are not part of a sequence; remove them" : null);
            }
            if (sequence.Length + text.Length > MaxResidues)
                throw InputException.At(path, lineNumber, $"record '{name}' is longer than {MaxResidues:N0} residues",
                    "no protein chain is that long; is the file damaged? (the limit keeps memory bounded)");
            sequence.Append(text.ToUpperInvariant());
        }
        if (name is not null) { records++; yield return Finish(path, headerLine, name, sequence); }
        if (records == 0) throw InputException.At(path, null, "no '>' records", "is this a FASTA file?");
    }

    private static ProteinChain Finish(string path, int line, string name, System.Text.StringBuilder sequence)
    {
        if (sequence.Length == 0) throw InputException.At(path, line, $"record '{name}' has no sequence");
        return new ProteinChain(name, "", sequence.ToString(), null, null, "", []);
    }
}
