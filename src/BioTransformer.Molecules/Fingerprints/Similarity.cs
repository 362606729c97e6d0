namespace BioTransformer.Molecules.Fingerprints;

/// <summary>Similarity of fingerprints.</summary>
public static class Similarity
{
    /// <summary>
    /// Tanimoto similarity of two sorted on-bit lists: |A∩B| / (|A| + |B| − |A∩B|). Two empty
    /// fingerprints have similarity 0 (as RDKit's BulkTanimotoSimilarity returns for empty vectors).
    /// </summary>
    public static double Tanimoto(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        int i = 0, j = 0, common = 0;
        while (i < a.Count && j < b.Count)
        {
            if (a[i] == b[j]) { common++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        int union = a.Count + b.Count - common;
        return union == 0 ? 0 : (double)common / union;
    }

    /// <summary>Tanimoto similarity of count vectors: Σmin / Σmax (the count generalisation MOSES and RDKit use).</summary>
    public static double Tanimoto(IReadOnlyList<int> a, IReadOnlyList<int> b, bool counts)
    {
        if (!counts) return Tanimoto(a, b);
        long min = 0, max = 0;
        for (int k = 0; k < a.Count; k++)
        {
            min += Math.Min(a[k], b[k]);
            max += Math.Max(a[k], b[k]);
        }
        return max == 0 ? 0 : (double)min / max;
    }
}
