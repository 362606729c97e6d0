using BioTransformer.Molecules;

namespace BioTransformer.Tests.Chemistry;

/// <summary>
/// SMILES exported by tools that escape strings carry "\\" for the "\" bond; RDKit reads it as one bond.
/// Golden file: scripts/golden/make_escaped_backslash_golden.py (RDKit 2022.09).
/// </summary>
public class EscapedBackslashTests
{
    private static IEnumerable<(string Escaped, bool Valid, string Canonical)> Golden() =>
        File.ReadLines(Repo.Fixture("chemistry/escaped_backslash.csv")).Skip(1).Select(line =>
        {
            var f = line.Split(',');
            return (f[0], f[1] == "1", f[2]);
        });

    [Fact]
    public void EscapedBackslash_ValidityAndMoleculeAgreeWithRDKit()
    {
        var rows = Golden().ToList();
        Assert.True(rows.Count > 250);
        foreach (var (escaped, valid, canonical) in rows)
        {
            Assert.True(Smiles.IsValid(escaped) == valid, $"{escaped}: RDKit {(valid ? "accepts" : "rejects")} it");
            if (valid) Assert.Equal(Smiles.Canonical(canonical), Smiles.Canonical(escaped));
        }
    }

    [Theory]
    [InlineData(@"C\\C=C\\C", @"C\C=C\C")]
    [InlineData(@"F/C=C\\F", @"F/C=C\F")]
    [InlineData(@"CC\\1CC1", @"CC\1CC1")]
    public void EscapedBackslash_TokenizesAsOneBackslash(string escaped, string plain)
    {
        Assert.Equal(new SmilesTokenizer().Tokenize(plain), new SmilesTokenizer().Tokenize(escaped));
        Assert.Equal(Smiles.Canonical(plain), Smiles.Canonical(escaped));
    }

    [Fact]
    public void ThreeBackslashes_AreTwoBondsInARow_AsRDKitSays()
    {
        Assert.False(Smiles.IsValid(@"C\\\C=C"));
    }
}
