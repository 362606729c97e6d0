using System.Text;

namespace BioTransformer.Core.IO;

/// <summary>
/// Reads text lines with a length limit: a line longer than the limit is a one-line error before it is held
/// in memory (a 6 MB gzip can expand to a single 4 GiB line). Accepts LF, CRLF and CR; a damaged gzip is an
/// error naming the line. Every reader of text data files in the toolkit reads through this.
/// </summary>
public sealed class LineReader : IDisposable
{
    /// <summary>Default longest line: 1 Mi characters, far beyond any molecule, protein or structure record.</summary>
    public const int DefaultMaxLength = 1 << 20;

    private readonly StreamReader reader;
    private readonly int maxLength;
    private readonly string path;
    private readonly StringBuilder line = new();

    public LineReader(Stream stream, string path, int maxLength = 0, bool leaveOpen = false)
    {
        reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: leaveOpen);
        this.path = path;
        this.maxLength = maxLength > 0 ? maxLength : MaxLengthFromEnvironment();
    }

    /// <summary>Lines read so far (the number of the line last returned).</summary>
    public int LineNumber { get; private set; }

    /// <summary>BIOTRANSFORMER_MAX_LINE_LENGTH raises (or lowers) the limit for every reader.</summary>
    public static int MaxLengthFromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable("BIOTRANSFORMER_MAX_LINE_LENGTH"), out var n) && n > 0 ? n : DefaultMaxLength;

    /// <summary>The next line without its end, or null at the end of the file.</summary>
    public string? ReadLine()
    {
        line.Clear();
        while (true)
        {
            int c;
            try
            {
                c = reader.Read();
            }
            catch (InvalidDataException e)
            {
                throw InputException.At(path, LineNumber + 1, $"cannot read the file: {e.Message}", "is it a complete, uncorrupted file?");
            }
            if (c < 0)
            {
                if (line.Length == 0) return null;
                LineNumber++;
                return line.ToString();
            }
            if (c == '\n' || c == '\r')
            {
                if (c == '\r' && reader.Peek() == '\n') reader.Read();
                LineNumber++;
                return line.ToString();
            }
            if (line.Length >= maxLength)
                throw InputException.At(path, LineNumber + 1, $"line is longer than {maxLength:N0} characters",
                    "is it the right kind of file? if the lines really are that long, raise the limit with --max-line-length or BIOTRANSFORMER_MAX_LINE_LENGTH");
            line.Append((char)c);
        }
    }

    public void Dispose() => reader.Dispose();
}
