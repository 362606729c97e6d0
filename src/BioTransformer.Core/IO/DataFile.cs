namespace BioTransformer.Core.IO;

/// <summary>Opens input files: plain, or .gz decompressed with its checksum verified at the end.</summary>
public static class DataFile
{
    public static Stream OpenRead(string path) =>
        path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new CheckedGzipStream(path) : File.OpenRead(path);

    /// <summary>
    /// Whether the start of a file (decompressed) is binary rather than text: a NUL byte, or more than 1 in 10
    /// bytes a control character other than tab, CR, LF or form feed. Reading such a file as CSV would
    /// produce garbage columns and errors full of unprintable characters.
    /// </summary>
    public static bool LooksBinary(string path)
    {
        using var stream = OpenRead(path);
        var buffer = new byte[8192];
        int n = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        int control = 0;
        for (int i = 0; i < n; i++)
        {
            byte b = buffer[i];
            if (b == 0) return true;
            if (b < 32 && b is not (9 or 10 or 12 or 13)) control++;
        }
        return n > 0 && control * 10 > n;
    }
}
