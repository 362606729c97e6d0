using BioTransformer.Core;

namespace BioTransformer.Proteins.Structures;

/// <summary>Opening coordinate and sequence files: plain or gzip, text only.</summary>
public static class CoordinateFiles
{
    /// <summary>Every line of a text file (.gz decompressed); clear errors for missing, binary or corrupt files.</summary>
    public static List<string> ReadLines(string path)
    {
        if (!File.Exists(path)) throw InputException.At(path, null, "file not found");
        try
        {
            using var reader = new BioTransformer.Core.IO.LineReader(Open(path), path);
            var lines = new List<string>();
            for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
            {
                if (line.Contains('\0')) throw InputException.At(path, lines.Count + 1, "binary data in a text file", "is this the right file?");
                lines.Add(line);
            }
            if (lines.Count == 0) throw InputException.At(path, null, "the file is empty");
            return lines;
        }
        catch (InvalidDataException e)
        {
            throw InputException.At(path, null, $"not a valid gzip file: {e.Message}", "re-download or decompress it by hand to check");
        }
    }

    public static Stream Open(string path) => BioTransformer.Core.IO.DataFile.OpenRead(path);
}
