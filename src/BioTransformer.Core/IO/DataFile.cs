namespace BioTransformer.Core.IO;

/// <summary>Opens input files: plain, or .gz decompressed with its checksum verified at the end; "-" is standard input.</summary>
public static class DataFile
{
    /// <summary>The bytes <see cref="LooksBinary(ref Stream)"/> inspects.</summary>
    private const int SniffBytes = 8192;

    public static Stream OpenRead(string path) =>
        path == "-" ? Console.OpenStandardInput()
        : path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new CheckedGzipStream(path)
        : File.OpenRead(path);

    /// <summary>
    /// Whether the start of a file (decompressed) is binary rather than text: a NUL byte, or more than 1 in 10
    /// bytes a control character other than tab, CR, LF or form feed. Reading such a file as CSV would
    /// produce garbage columns and errors full of unprintable characters.
    /// </summary>
    public static bool LooksBinary(string path)
    {
        using var stream = OpenRead(path);
        var buffer = new byte[SniffBytes];
        int n = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return LooksBinary(buffer.AsSpan(0, n));
    }

    /// <summary>
    /// The same test on a stream that cannot be opened twice (standard input): its first bytes are read and
    /// kept, and the returned stream gives them back before the rest.
    /// </summary>
    public static bool LooksBinary(ref Stream stream)
    {
        var buffer = new byte[SniffBytes];
        int n = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        stream = new PrefixedStream(buffer.AsMemory(0, n), stream);
        return LooksBinary(buffer.AsSpan(0, n));
    }

    private static bool LooksBinary(ReadOnlySpan<byte> start)
    {
        int control = 0;
        foreach (var b in start)
        {
            if (b == 0) return true;
            if (b < 32 && b is not (9 or 10 or 12 or 13)) control++;
        }
        return start.Length > 0 && control * 10 > start.Length;
    }

    /// <summary>Bytes already read, then the rest of the stream.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : Stream
    {
        private ReadOnlyMemory<byte> pending = prefix;

        public override int Read(Span<byte> buffer)
        {
            if (pending.IsEmpty) return rest.Read(buffer);
            int n = Math.Min(buffer.Length, pending.Length);
            pending.Span[..n].CopyTo(buffer);
            pending = pending[n..];
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => rest.CanSeek ? rest.Position - pending.Length : 0;
            set => throw new NotSupportedException();
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) rest.Dispose();
            base.Dispose(disposing);
        }
    }
}
