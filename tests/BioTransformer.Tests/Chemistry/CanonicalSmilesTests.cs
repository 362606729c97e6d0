using System.Collections.Concurrent;
using BioTransformer.Core.Data;
using BioTransformer.Molecules;

namespace BioTransformer.Tests.Chemistry;

/// <summary>Canonical SMILES: one string per molecule however it is written; randomized SMILES: same molecule.</summary>
public class CanonicalSmilesTests
{
    private const int Variants = 10;

    public static TheoryData<string> ShippedDatasets => new() { "esol", "freesolv", "lipophilicity", "bbbp" };

    /// <summary>The issue's test: for each molecule of the shipped datasets, 10 randomized SMILES canonicalize to
    /// one string, and canonical(canonical(s)) == canonical(s).</summary>
    [Theory]
    [MemberData(nameof(ShippedDatasets))]
    public void Canonical_ShippedDataset_TenRandomizedSmilesGiveOneString(string dataset)
    {
        var table = SequenceTableReader.Read(Repo.Path("datasets", dataset, $"{dataset}.csv"), new TableSchema("smiles", [], _ => null, RequireLabel: false));
        var smiles = table.Records.Select(r => r.Sequence).Where(Smiles.IsValid).ToList();
        Assert.True(smiles.Count > 600);
        var failures = new ConcurrentBag<string>();
        Parallel.For(0, smiles.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var molecule = Smiles.Parse(smiles[i]);
            var canonical = Smiles.Canonical(molecule);
            if (Smiles.Canonical(canonical) != canonical) failures.Add($"{smiles[i]}: canonical(canonical) differs");
            var random = new Random(i);
            for (int v = 0; v < Variants; v++)
            {
                var variant = Smiles.Randomized(molecule, random);
                var again = Smiles.Canonical(variant);
                if (again != canonical) failures.Add($"{smiles[i]}: randomized {variant} canonicalizes to {again}, not {canonical}");
            }
        });
        Assert.True(failures.IsEmpty, $"{failures.Count} failures, e.g. {string.Join(" | ", failures.Take(3))}");
    }

    [Theory]
    [InlineData("C[C@@H](N)C(=O)O", "C[C@H](N)C(=O)O")]        // L- and D-alanine
    [InlineData("F/C=C/F", "F/C=C\\F")]                         // E and Z
    [InlineData("C[NH3+]", "CN")]                               // charge
    [InlineData("[13CH4]", "C")]                                // isotope
    public void Canonical_DifferentMolecules_DifferentStrings(string a, string b) =>
        Assert.NotEqual(Smiles.Canonical(a), Smiles.Canonical(b));

    [Theory]
    [InlineData("C[C@@H](N)C(=O)O", "OC(=O)[C@@H](C)N", "N[C@H](C)C(O)=O")]
    [InlineData("F/C=C/F", "F\\C=C\\F", "C(\\F)=C/F")]
    [InlineData("OC(=O)c1ccccc1", "c1ccc(cc1)C(O)=O", "C1=CC=C(C=C1)C(=O)O")]
    [InlineData("[O-][N+](=O)c1ccccc1", "O=[N+]([O-])c1ccccc1", "c1ccc(cc1)[N+]([O-])=O")]
    [InlineData("[Na+].[Cl-]", "[Cl-].[Na+]", "[Na+].[Cl-]")]
    public void Canonical_WaysOfWritingOneMolecule_OneString(string a, string b, string c)
    {
        var canonical = Smiles.Canonical(a);
        Assert.Equal(canonical, Smiles.Canonical(b));
        Assert.Equal(canonical, Smiles.Canonical(c));
    }

    [Fact]
    public void Canonical_KeepsStereoAndCharges()
    {
        Assert.Contains("@", Smiles.Canonical("C[C@@H](N)C(=O)O"));
        Assert.Matches("[/\\\\]", Smiles.Canonical("F/C=C/F"));
        Assert.Contains("[NH3+]", Smiles.Canonical("C[NH3+]"));
        Assert.DoesNotContain("@", Smiles.Canonical("CC(C)(N)C(=O)O"));     // not a stereocentre: dropped
    }

    [Fact]
    public void Randomized_SameSeed_SameString_DifferentSeeds_DifferentStrings()
    {
        var mol = Smiles.Parse("CC(=O)Oc1ccccc1C(=O)O");
        Assert.Equal(Smiles.Randomized(mol, new Random(5)), Smiles.Randomized(mol, new Random(5)));
        var distinct = Enumerable.Range(0, 20).Select(seed => Smiles.Randomized(mol, new Random(seed))).Distinct().Count();
        Assert.True(distinct > 5, $"only {distinct} distinct randomized SMILES of aspirin in 20 seeds");
    }
}
