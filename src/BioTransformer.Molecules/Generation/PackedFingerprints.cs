using System.Numerics;
using BioTransformer.Molecules.Chemistry;
using BioTransformer.Molecules.Fingerprints;

namespace BioTransformer.Molecules.Generation;

/// <summary>
/// Bit fingerprints of many molecules packed 64 bits to a word, for the all-pairs Tanimoto
/// similarities of set metrics (10k x 10k pairs in about a second per core).
/// </summary>
public sealed class PackedFingerprints
{
    private readonly ulong[] words;
    private readonly int[] counts;

    private PackedFingerprints(ulong[] words, int[] counts, int wordsPerRow)
    {
        this.words = words;
        this.counts = counts;
        WordsPerRow = wordsPerRow;
    }

    public int Count => counts.Length;

    public int WordsPerRow { get; }

    /// <summary>Morgan bits (MOSES uses radius 2, 1,024 bits) of each molecule.</summary>
    public static PackedFingerprints Morgan(IReadOnlyList<Molecule> molecules, int radius = 2, int bits = 1024)
    {
        int perRow = (bits + 63) / 64;
        var words = new ulong[molecules.Count * perRow];
        var counts = new int[molecules.Count];
        Parallel.For(0, molecules.Count, i =>
        {
            var fp = MorganFingerprint.Bits(molecules[i], radius, bits);
            foreach (var bit in fp.OnBits) words[i * perRow + bit / 64] |= 1UL << (bit % 64);
            counts[i] = fp.Count;
        });
        return new PackedFingerprints(words, counts, perRow);
    }

    /// <summary>Tanimoto similarity of row <paramref name="i"/> here and row <paramref name="j"/> of <paramref name="other"/>;
    /// 1 when both are empty (as MOSES counts 0/0).</summary>
    public double Tanimoto(int i, PackedFingerprints other, int j)
    {
        int common = 0;
        var a = words.AsSpan(i * WordsPerRow, WordsPerRow);
        var b = other.words.AsSpan(j * other.WordsPerRow, other.WordsPerRow);
        for (int w = 0; w < a.Length; w++) common += BitOperations.PopCount(a[w] & b[w]);
        int union = counts[i] + other.counts[j] - common;
        return union == 0 ? 1.0 : (double)common / union;
    }
}
