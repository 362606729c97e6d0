using BioTransformer.Molecules;
using BioTransformer.Molecules.Smarts;

namespace BioTransformer.Tests.Chemistry;

/// <summary>SMARTS matching; expected counts are RDKit's GetSubstructMatches (unique) on the same inputs.</summary>
public class SmartsTests
{
    private static int Count(string smarts, string smiles) =>
        SmartsPattern.Parse(smarts).Matches(MatchTarget.For(Smiles.Parse(smiles))).Count;

    [Theory]
    [InlineData("c", "c1ccccc1", 6)]
    [InlineData("[OX2H]", "OCCO", 2)]                                   // hydroxyls
    [InlineData("C(=O)[OH]", "CC(=O)O", 1)]                             // carboxylic acid
    [InlineData("[#7]", "Cn1cnc2c1c(=O)n(C)c(=O)n2C", 4)]               // caffeine nitrogens
    [InlineData("[R]", "C1CCCCC1CC", 6)]                                // ring atoms
    [InlineData("[!R]", "C1CCCCC1CC", 2)]
    [InlineData("[CH3]", "CC(C)(C)C", 4)]
    [InlineData("[#6]C(=O)[O;H,-1]", "OC(=O)C1CCCN1", 1)]               // H after ";" or "," is a hydrogen count (RDKit fr_COO)
    [InlineData("[#6]C(=O)[O;H,-1]", "CC(=O)[O-]", 1)]
    [InlineData("[2H]", "[2H]C([2H])C", 2)]                             // H after an isotope is the element
    [InlineData("[H+]", "[H+].[Cl-]", 1)]
    [InlineData("[D3]", "CC(C)(C)C", 0)]
    [InlineData("[D4]", "CC(C)(C)C", 1)]
    [InlineData("[$(C=O)]", "CC(=O)OC", 1)]                             // recursive
    [InlineData("[N;!$(N-C=O)]", "CNC(=O)CN", 1)]                        // amine, not amide
    [InlineData("*~*", "CCO", 2)]
    [InlineData("[+1]", "C[N+](C)(C)C.[Cl-]", 1)]
    [InlineData("[r6]", "c1ccc2c(c1)CCC2", 4)]                           // indane: smallest ring 6 (fusion atoms are r5)
    [InlineData("c:c", "c1ccccc1", 6)]
    [InlineData("C-!@C", "CC1CCCC1", 1)]                                 // non-ring C-C bond
    public void Matches_UniqueCount(string smarts, string smiles, int expected) => Assert.Equal(expected, Count(smarts, smiles));

    [Fact]
    public void IsMatch_AndMatchesAt()
    {
        var target = MatchTarget.For(Smiles.Parse("OCC"));
        var pattern = SmartsPattern.Parse("[OH]");
        Assert.True(pattern.IsMatch(target));
        Assert.True(pattern.MatchesAt(target, 0));
        Assert.False(pattern.MatchesAt(target, 1));
    }
}
