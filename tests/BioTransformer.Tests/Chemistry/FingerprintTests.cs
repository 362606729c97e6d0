using BioTransformer.Molecules;
using BioTransformer.Molecules.Fingerprints;

namespace BioTransformer.Tests.Chemistry;

public class FingerprintTests
{
    [Fact]
    public void Morgan_Benzene_ThreeEnvironments_RDKitsBits()
    {
        // RDKit: GetMorganFingerprintAsBitVect(benzene, 2, 2048) has bits 389, 1088, 1873 (each atom alike).
        var bits = MorganFingerprint.Bits(Smiles.Parse("c1ccccc1"), 2, 2048);
        Assert.Equal([389, 1088, 1873], bits.OnBits);
        Assert.Equal([6, 6, 6], MorganFingerprint.FoldedCounts(Smiles.Parse("c1ccccc1")).Where(c => c > 0));
    }

    [Fact]
    public void Morgan_RadiusAndLength_AreHonoured()
    {
        var mol = Smiles.Parse("CC(=O)Oc1ccccc1C(=O)O");
        var r1 = MorganFingerprint.Bits(mol, 1, 2048);
        var r3 = MorganFingerprint.Bits(mol, 3, 2048);
        Assert.True(r1.Count < r3.Count);
        Assert.All(MorganFingerprint.Bits(mol, 2, 64).OnBits, b => Assert.InRange(b, 0, 63));
        Assert.Equal(64, MorganFingerprint.FoldedCounts(mol, 2, 64).Length);
    }

    [Fact]
    public void Morgan_WayOfWriting_DoesNotMatter()
    {
        var a = MorganFingerprint.Bits(Smiles.Parse("OC(=O)c1ccccc1"));
        var b = MorganFingerprint.Bits(Smiles.Parse("C1=CC=C(C=C1)C(=O)O"));
        Assert.Equal(a.OnBits, b.OnBits);
    }

    [Fact]
    public void Tanimoto_HandComputed()
    {
        Assert.Equal(2.0 / 4.0, Similarity.Tanimoto([1, 2, 3], [2, 3, 4]), 12);     // |A∩B| = 2, |A∪B| = 4
        Assert.Equal(1.0, Similarity.Tanimoto([5, 9], [5, 9]), 12);
        Assert.Equal(0.0, Similarity.Tanimoto([1], [2]), 12);
        // Counts: sum of minima over sum of maxima: min(2,1)+min(0,3) / max(2,1)+max(0,3) = 1/5.
        Assert.Equal(1.0 / 5.0, Similarity.Tanimoto([2, 0], [1, 3], counts: true), 12);
    }

    [Fact]
    public void Tanimoto_SimilarMoleculesScoreHigherThanDissimilarOnes()
    {
        var aspirin = MorganFingerprint.Bits(Smiles.Parse("CC(=O)Oc1ccccc1C(=O)O"));
        var salicylic = MorganFingerprint.Bits(Smiles.Parse("Oc1ccccc1C(=O)O"));
        var hexane = MorganFingerprint.Bits(Smiles.Parse("CCCCCC"));
        Assert.True(aspirin.Tanimoto(salicylic) > aspirin.Tanimoto(hexane));
        Assert.Equal(1.0, aspirin.Tanimoto(aspirin));
    }
}
