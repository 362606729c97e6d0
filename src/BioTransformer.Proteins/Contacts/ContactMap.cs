using BioTransformer.Proteins.Structures;

namespace BioTransformer.Proteins.Contacts;

/// <summary>
/// True contacts of a chain: residues i and j touch when their CB atoms (CA for glycine) are closer
/// than 8 Å. Pairs where either residue lacks coordinates are masked (neither contact nor not).
/// </summary>
public sealed class ContactMap
{
    public const float Threshold = 8f;

    private readonly sbyte[] labels;

    private ContactMap(int length, sbyte[] labels)
    {
        Length = length;
        this.labels = labels;
    }

    public int Length { get; }

    /// <summary>1 contact, 0 no contact, −1 unknown (missing coordinates).</summary>
    public sbyte this[int i, int j] => labels[i * Length + j];

    /// <summary>Row-major (L × L) labels: 1, 0 or −1.</summary>
    public ReadOnlySpan<sbyte> Labels => labels;

    public static ContactMap FromChain(ProteinChain chain)
    {
        var cb = chain.Cb ?? throw new ArgumentException($"{chain.Name} has no coordinates");
        int n = chain.Length;
        var labels = new sbyte[n * n];
        for (int i = 0; i < n; i++)
        {
            bool iKnown = float.IsFinite(cb[i, 0]) && float.IsFinite(cb[i, 1]) && float.IsFinite(cb[i, 2]);
            for (int j = i; j < n; j++)
            {
                sbyte label;
                if (!iKnown || !(float.IsFinite(cb[j, 0]) && float.IsFinite(cb[j, 1]) && float.IsFinite(cb[j, 2]))) label = -1;
                else
                {
                    float dx = cb[i, 0] - cb[j, 0], dy = cb[i, 1] - cb[j, 1], dz = cb[i, 2] - cb[j, 2];
                    label = dx * dx + dy * dy + dz * dz < Threshold * Threshold ? (sbyte)1 : (sbyte)0;
                }
                labels[i * n + j] = label;
                labels[j * n + i] = label;
            }
        }
        return new ContactMap(n, labels);
    }

    /// <summary>A map from labels (row-major L × L), e.g. a crop.</summary>
    public static ContactMap FromLabels(int length, sbyte[] labels)
    {
        if (labels.Length != length * length) throw new ArgumentException("labels must be L × L");
        return new ContactMap(length, labels);
    }

    /// <summary>The labels of residues start .. start+length−1.</summary>
    public ContactMap Crop(int start, int length)
    {
        var crop = new sbyte[length * length];
        for (int i = 0; i < length; i++)
            for (int j = 0; j < length; j++) crop[i * length + j] = labels[(start + i) * Length + start + j];
        return new ContactMap(length, crop);
    }
}
