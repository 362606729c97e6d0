using System.Buffers.Binary;
using System.IO.Hashing;

namespace BioTransformer.Plotting;

/// <summary>
/// Records a PNG's resolution in its pHYs chunk (pixels per metre), which SkiaSharp does not write: without
/// it Word, LaTeX and layout programs assume 72 or 96 dpi and place a 300-dpi figure three times too large.
/// </summary>
public static class PngDensity
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>Inserts (or replaces) the pHYs chunk right after IHDR.</summary>
    public static void Set(string path, int dpi)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 33 || !bytes.AsSpan(0, 8).SequenceEqual(Signature)) throw new InvalidDataException($"{path} is not a PNG");
        uint perMetre = (uint)Math.Round(dpi / 0.0254);
        var chunk = new byte[4 + 4 + 9 + 4];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, 9);
        "pHYs"u8.CopyTo(chunk.AsSpan(4));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8), perMetre);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(12), perMetre);
        chunk[16] = 1;   // unit: metre
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(17), Crc32.HashToUInt32(chunk.AsSpan(4, 13)));

        using var output = new MemoryStream(bytes.Length + chunk.Length);
        output.Write(bytes, 0, 33);   // signature + IHDR (always first, 13 data bytes)
        output.Write(chunk);
        int offset = 33;
        while (offset + 12 <= bytes.Length)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset));
            bool existing = bytes.AsSpan(offset + 4, 4).SequenceEqual("pHYs"u8);
            if (!existing) output.Write(bytes, offset, length + 12);
            offset += length + 12;
        }
        File.WriteAllBytes(path, output.ToArray());
    }

    /// <summary>The resolution recorded in a PNG's pHYs chunk (dots per inch, rounded), or null when it has none.</summary>
    public static int? Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        int offset = 8;
        while (offset + 12 <= bytes.Length)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset));
            if (bytes.AsSpan(offset + 4, 4).SequenceEqual("pHYs"u8) && length == 9 && bytes[offset + 16] == 1)
                return (int)Math.Round(BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset + 8)) * 0.0254);
            offset += length + 12;
        }
        return null;
    }
}
