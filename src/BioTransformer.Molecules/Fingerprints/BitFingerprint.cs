namespace BioTransformer.Molecules.Fingerprints;

/// <summary>A folded binary fingerprint: sorted indices of the set bits out of <see cref="Length"/>.</summary>
public sealed record BitFingerprint(int[] OnBits, int Length)
{
    public int Count => OnBits.Length;

    /// <summary>Tanimoto (Jaccard) similarity |A∩B| / |A∪B|; 0 for two empty fingerprints... by convention 0.</summary>
    public double Tanimoto(BitFingerprint other) => Similarity.Tanimoto(OnBits, other.OnBits);

    public bool[] ToArray()
    {
        var bits = new bool[Length];
        foreach (var b in OnBits) bits[b] = true;
        return bits;
    }
}
