using BioTransformer.Proteins.Contacts;
using BioTransformer.Proteins.Structures;

namespace BioTransformer.Tests.Proteins;

public class ContactTests
{
    /// <summary>A chain of n residues on a line, 3.8 Å apart, with the given residues' coordinates missing.</summary>
    private static ProteinChain Line(int n, params int[] missing)
    {
        var cb = new float[n, 3];
        for (int i = 0; i < n; i++)
        {
            cb[i, 0] = missing.Contains(i) ? float.NaN : 3.8f * i;
            cb[i, 1] = cb[i, 2] = missing.Contains(i) ? float.NaN : 0f;
        }
        return new ProteinChain("line", "", new string('A', n), cb, cb, "", []);
    }

    [Fact]
    public void ContactMap_CbWithin8Angstrom_MissingCoordinatesMasked()
    {
        var map = ContactMap.FromChain(Line(5, 3));
        Assert.Equal(1, map[0, 1]);      // 3.8 Å
        Assert.Equal(1, map[0, 2]);      // 7.6 Å
        Assert.Equal(-1, map[0, 3]);     // residue 3 has no coordinates
        Assert.Equal(0, map[0, 4]);      // 15.2 Å
        Assert.Equal(map[4, 0], map[0, 4]);
    }

    [Fact]
    public void Precision_HandComputed_PerRangeAndDepth()
    {
        // L = 30. True long-range contacts: (0, 29) and (1, 28); predictions rank (0, 29) first, then (2, 27), then (1, 28).
        int n = 30;
        var labels = new sbyte[n * n];
        void Contact(int i, int j) { labels[i * n + j] = 1; labels[j * n + i] = 1; }
        Contact(0, 29);
        Contact(1, 28);
        Contact(3, 10);                                     // a short-range contact, separation 7
        var truth = ContactMap.FromLabels(n, labels);
        var p = new float[n * n];
        p[0 * n + 29] = 0.9f;
        p[2 * n + 27] = 0.8f;
        p[1 * n + 28] = 0.7f;
        p[3 * n + 10] = 0.95f;
        var result = ContactEvaluation.Evaluate(p, truth);
        double Precision(ContactRange r, string depth) => result.Single(x => x.Range == r && x.Depth == depth).Precision;
        // Long range, top L/5 = 6 pairs: 2 contacts among them. Top L/2 = 15: 2/15. Top L = 30, but only 21 pairs
        // of a 30-residue chain are 24 or more apart, so all 21 are taken: 2/21.
        Assert.Equal(2.0 / 6, Precision(ContactRange.Long, "L/5"), 12);
        Assert.Equal(2.0 / 15, Precision(ContactRange.Long, "L/2"), 12);
        Assert.Equal(2.0 / 21, Precision(ContactRange.Long, "L"), 12);
        Assert.Equal(1.0 / 6, Precision(ContactRange.Short, "L/5"), 12);
        Assert.Equal(0.0, Precision(ContactRange.Medium, "L/5"), 12);
        // Medium + long (|i - j| >= 12, TAPE's range): the same three long-range pairs lead, two of them contacts.
        Assert.Equal(2.0 / 6, Precision(ContactRange.MediumLong, "L/5"), 12);
    }

    [Fact]
    public void Precision_MaskedPairsAreNeitherRightNorWrong()
    {
        int n = 30;
        var labels = new sbyte[n * n];
        for (int j = 0; j < n; j++) { labels[0 * n + j] = -1; labels[j * n + 0] = -1; }   // residue 0 unknown
        labels[1 * n + 29] = labels[29 * n + 1] = 1;
        var p = new float[n * n];
        p[0 * n + 29] = 0.99f;    // masked: skipped
        p[1 * n + 29] = 0.5f;
        var top = ContactEvaluation.Evaluate(p, ContactMap.FromLabels(n, labels)).Single(x => x.Range == ContactRange.Long && x.Depth == "L/5");
        Assert.Equal(1, top.Correct);
    }

    [Fact]
    public void ContactMap_RealChains_AboutTwoPercentOfLongRangePairsAreContacts()
    {
        var chains = StructureJsonLines.Read(Repo.Fixture(Path.Combine("proteins", "tiny_structures.jsonl")));
        long contacts = 0, pairs = 0;
        foreach (var chain in chains)
        {
            var map = ContactMap.FromChain(chain);
            for (int i = 0; i < chain.Length; i++)
                for (int j = i + 24; j < chain.Length; j++)
                    if (map[i, j] >= 0) { pairs++; contacts += map[i, j]; }
        }
        Assert.InRange((double)contacts / pairs, 0.01, 0.10);
    }
}
