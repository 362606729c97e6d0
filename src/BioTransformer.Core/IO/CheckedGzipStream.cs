using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace BioTransformer.Core.IO;

/// <summary>
/// Decompresses a .gz file and, at its end, checks the data against the gzip trailer (CRC-32 and size).
/// .NET's GZipStream reads a truncated file as if it simply ended, so a half-downloaded data set would
/// train on the first half without a word; this stream throws <see cref="InvalidDataException"/> instead.
/// Files of several gzip members (cat a.gz b.gz, bgzip's BGZF) are checked on their last member, which is
/// the last ISIZE bytes of the data.
/// </summary>
public sealed class CheckedGzipStream : Stream
{
    private readonly string path;
    private readonly FileStream file;
    private readonly GZipStream inner;
    private readonly Crc32 crc = new();
    private long length;
    private bool checkedEnd;

    public CheckedGzipStream(string path)
    {
        this.path = path;
        file = File.OpenRead(path);
        inner = new GZipStream(file, CompressionMode.Decompress);
    }

    /// <summary>Bytes of the compressed file consumed so far (for progress against the file's size).</summary>
    public long CompressedPosition => file.Position;

    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        if (n > 0)
        {
            crc.Append(buffer[..n]);
            length += n;
        }
        else if (!checkedEnd && buffer.Length > 0)
        {
            checkedEnd = true;
            CheckTrailer();
        }
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    private void CheckTrailer()
    {
        var (expectedCrc, expectedSize) = Trailer(path);
        if (crc.GetCurrentHashAsUInt32() == expectedCrc && (uint)length == expectedSize) return;
        // Several members: the trailer belongs to the last one, which holds the last ISIZE bytes.
        if (expectedSize < length && CrcOfTail(length - expectedSize) == expectedCrc) return;
        throw new InvalidDataException($"the gzip data end early or are damaged: {length:N0} bytes decompressed do not match the file's checksum (truncated download?)");
    }

    private static (uint Crc, uint Size) Trailer(string path)
    {
        using var file = File.OpenRead(path);
        if (file.Length < 18) throw new InvalidDataException("the file is too short to be gzip");
        Span<byte> trailer = stackalloc byte[8];
        file.Seek(-8, SeekOrigin.End);
        file.ReadExactly(trailer);
        return (BinaryPrimitives.ReadUInt32LittleEndian(trailer), BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]));
    }

    private uint CrcOfTail(long skip)
    {
        using var again = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        var tail = new Crc32();
        var buffer = new byte[1 << 16];
        long position = 0;
        for (int n; (n = again.Read(buffer)) > 0; position += n)
        {
            int from = (int)Math.Clamp(skip - position, 0, n);
            if (from < n) tail.Append(buffer.AsSpan(from, n - from));
        }
        return tail.GetCurrentHashAsUInt32();
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
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
