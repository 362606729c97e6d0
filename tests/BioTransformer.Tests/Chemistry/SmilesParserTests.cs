using BioTransformer.Molecules;
using BioTransformer.Molecules.Chemistry;

namespace BioTransformer.Tests.Chemistry;

/// <summary>OpenSMILES syntax read into atoms and bonds, and typed errors with positions.</summary>
public class SmilesParserTests
{
    [Theory]
    [InlineData("[13CH3][C@@H](N)C(=O)O", 0, 13)]
    [InlineData("[2H]C", 0, 2)]
    public void Parse_Isotope_IsKept(string smiles, int atom, int isotope) =>
        Assert.Equal(isotope, Smiles.Parse(smiles).Atoms[atom].Isotope);

    [Theory]
    [InlineData("[Fe++]", 2)]
    [InlineData("[Fe+2]", 2)]
    [InlineData("[O--]", -2)]
    [InlineData("[O-2]", -2)]
    [InlineData("[NH4+]", 1)]
    [InlineData("[Cl-]", -1)]
    public void Parse_Charges_AllSpellings(string smiles, int charge) =>
        Assert.Equal(charge, Smiles.Parse(smiles).Atoms[0].Charge);

    [Fact]
    public void Parse_BracketAtom_HydrogensAndClass()
    {
        var atom = Smiles.Parse("[NH4+:12]").Atoms[0];
        Assert.Equal(7, atom.Element);
        Assert.Equal(4, atom.TotalHydrogens);
        Assert.Equal(12, atom.AtomClass);
    }

    [Theory]
    [InlineData("c1cc[se]c1")]
    [InlineData("c1ccc[te]1")]
    [InlineData("c1cc[nH]c1")]
    [InlineData("c1ccoc1")]
    [InlineData("c1ccsc1")]
    public void Parse_AromaticHeteroatoms_AreValid(string smiles) => Assert.True(Smiles.IsValid(smiles));

    [Theory]
    [InlineData("C[C@TH1](F)(Cl)Br")]
    [InlineData("C[C@TH2](F)(Cl)Br")]
    [InlineData("F[Po@OH1](Cl)(Br)(I)(N)O")]
    [InlineData("F[Po@OH12](Cl)(Br)(I)(N)O")]
    [InlineData("F[As@TB1](Cl)(Br)(N)O")]
    [InlineData("F[Pt@SP1](Cl)(Br)I")]
    [InlineData("C[C@AL1]=C=C")]
    public void Parse_RareChiralityClasses_AreRead(string smiles) => Assert.True(Smiles.IsValid(smiles));

    [Theory]
    [InlineData("C-C", BondType.Single)]
    [InlineData("C=C", BondType.Double)]
    [InlineData("C#C", BondType.Triple)]
    [InlineData("C$C", BondType.Quadruple)]
    public void Parse_BondSymbols(string smiles, BondType type) => Assert.Equal(type, Smiles.Parse(smiles).Bonds[0].Type);

    [Theory]
    [InlineData("C%12CC%12", 3, 3)]
    [InlineData("C=1CC1", 3, 3)]
    [InlineData("C1CC=1", 3, 3)]
    [InlineData("C1.C1", 2, 1)]
    [InlineData("C1CCCCC1C1CCCCC1", 12, 13)]
    public void Parse_RingClosures_BondSymbolOnEitherEnd(string smiles, int atoms, int bonds)
    {
        var mol = Smiles.Parse(smiles);
        Assert.Equal(atoms, mol.AtomCount);
        Assert.Equal(bonds, mol.Bonds.Count);
    }

    [Fact]
    public void Parse_RingClosureWithBondSymbol_GivesThatOrder()
    {
        var mol = Smiles.Parse("C=1CC1");
        Assert.Single(mol.Bonds, b => b.Type == BondType.Double);
    }

    [Fact]
    public void Parse_DotSeparatedComponents()
    {
        var mol = Smiles.Parse("c1ccccc1.[Na+].[Cl-]");
        Assert.Equal(8, mol.AtomCount);
        Assert.Equal(6, mol.Bonds.Count);
    }

    [Theory]
    [InlineData("C1CC", SmilesErrorKind.RingClosure, 1)]
    [InlineData("C11", SmilesErrorKind.RingClosure, 2)]
    [InlineData("C=1CC#1", SmilesErrorKind.RingClosure, 6)]
    [InlineData("C(C", SmilesErrorKind.Branch, 1)]
    [InlineData("CC)", SmilesErrorKind.Branch, 2)]
    [InlineData("C()C", SmilesErrorKind.Branch, 2)]
    [InlineData("C%1", SmilesErrorKind.Syntax, 1)]
    [InlineData("Q", SmilesErrorKind.Syntax, 0)]
    [InlineData("[Xx]", SmilesErrorKind.Syntax, 1)]
    [InlineData("", SmilesErrorKind.Syntax, 0)]
    [InlineData("CN(C)(C)(C)C", SmilesErrorKind.Valence, 1)]
    [InlineData("CC(C)(C)(C)(C)C", SmilesErrorKind.Valence, 1)]
    [InlineData("c1cccc1", SmilesErrorKind.Kekulization, 0)]
    [InlineData("c1ccnc1", SmilesErrorKind.Kekulization, 0)]
    [InlineData("CcC", SmilesErrorKind.AromaticOutsideRing, 1)]
    [InlineData("Cc1cc(C)cc(C)c#1", SmilesErrorKind.Valence, 1)]
    public void Parse_Invalid_TypedErrorAtPosition(string smiles, SmilesErrorKind kind, int position)
    {
        var error = Assert.Throws<SmilesException>(() => Smiles.Parse(smiles));
        Assert.Equal(kind, error.Kind);
        Assert.Equal(position, error.Position);
        Assert.Contains($"position {position + 1}", error.Message);
    }

    [Theory]
    [InlineData("c1ccccc1", true)]
    [InlineData("c1cccc1", false)]
    [InlineData("c1cc[nH]c1", true)]
    [InlineData("c1ccnc1", false)]
    [InlineData("[CH3]", true)]
    [InlineData("[O-][N+](=O)c1ccccc1", true)]
    [InlineData("O=N(=O)c1ccccc1", true)]
    [InlineData("C[N](C)(C)(C)C", false)]
    [InlineData("C[N+](C)(C)C", true)]
    [InlineData("[Na+].[Cl-]", true)]
    [InlineData("N.N.Cl[Pt]Cl", true)]
    [InlineData("Cl[Pt](Cl)([NH3])[NH3]", false)] // a 4-valent neutral N: RDKit also refuses (dative bonds are written '->' only in newer toolkits)
    public void IsValid_AsChemistsJudgeIt(string smiles, bool valid) => Assert.Equal(valid, Smiles.IsValid(smiles));

    [Fact]
    public void Parse_NitroWrittenNeutral_IsChargeSeparatedAsRDKitDoes()
    {
        var canonical = Smiles.Canonical("O=N(=O)c1ccccc1");
        Assert.Equal(Smiles.Canonical("[O-][N+](=O)c1ccccc1"), canonical);
    }

    [Fact]
    public void Parse_Radical_WhereStated()
    {
        var mol = Smiles.Parse("[CH3]");
        Assert.Equal(1, mol.Atoms[0].RadicalElectrons);
        Assert.Equal(0, Smiles.Parse("C").Atoms[0].RadicalElectrons);
    }

    [Fact]
    public void Parse_TenThousandCharacters_IsReadOrRejectedCleanly()
    {
        var chain = string.Concat(Enumerable.Repeat("C", 10_000));
        Assert.Equal(10_000, Smiles.Parse(chain).AtomCount);
        var bad = chain + "(";
        Assert.Equal(SmilesErrorKind.Branch, Assert.Throws<SmilesException>(() => Smiles.Parse(bad)).Kind);
    }
}
