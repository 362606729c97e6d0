using BioTransformer.Core.Data;
using BioTransformer.Molecules;

namespace BioTransformer.Tests.Chemistry;

public class ScaffoldTests
{
    [Theory]
    [InlineData("CC(=O)Oc1ccccc1C(=O)O", "c1ccccc1")]                    // aspirin → benzene
    [InlineData("CCCCCC", "")]                                         // acyclic: empty scaffold
    [InlineData("Cc1ccc(CN2CCCC2)cc1", "c1ccc(CN2CCCC2)cc1")]            // linker kept, side chains gone
    [InlineData("O=C1CCCCC1", "O=C1CCCCC1")]                            // exocyclic double bond kept (RDKit convention)
    public void Murcko_KnownScaffolds(string smiles, string scaffold) =>
        Assert.Equal(scaffold.Length == 0 ? "" : Smiles.Canonical(scaffold), Scaffolds.MurckoSmiles(Smiles.Parse(smiles)));

    private static readonly string[] Molecules =
    [
        "c1ccccc1C", "c1ccccc1CC", "c1ccccc1O", "c1ccccc1N", "c1ccccc1Cl", "c1ccccc1F",   // 6 x benzene
        "C1CCCCC1C", "C1CCCCC1O", "C1CCCCC1N",                                          // 3 x cyclohexane
        "c1ccncc1C", "c1ccncc1O",                                                       // 2 x pyridine
        "CCO", "CCN",                                                                   // 2 x acyclic
        "c1ccc2ccccc2c1", "C1CC1C", "c1ccoc1", "c1ccsc1C", "C1CCNCC1",                  // singletons
    ];

    [Fact]
    public void Split_Scaffold_GroupsNeverStraddleAndLargestGoToTrain()
    {
        var split = new ScaffoldSplitter(ScaffoldOrder.LargestFirst).Split(Molecules, new SplitFractions(0.6, 0.2, 0.2), seed: 0);
        Assert.Equal(Molecules.Length, split.Train.Count + split.Valid.Count + split.Test.Count);
        Assert.Equal(Molecules.Length, split.Train.Concat(split.Valid).Concat(split.Test).Distinct().Count());
        string Scaffold(int i) => Scaffolds.MurckoSmiles(Smiles.Parse(Molecules[i]));
        var trainScaffolds = split.Train.Select(Scaffold).ToHashSet();
        Assert.DoesNotContain(split.Valid.Concat(split.Test), i => trainScaffolds.Contains(Scaffold(i)));
        Assert.DoesNotContain(split.Test, i => split.Valid.Select(Scaffold).Contains(Scaffold(i)));
        // 18 molecules; train holds 10.8, validation 3.6. Benzene (6) and cyclohexane (3) go to train. Of the two
        // groups of 2, the one seen last in the file comes first (DeepChem's order): acyclic to validation, then
        // pyridine fits neither and goes to test. Singletons, last-seen first: 17 to train, 16 to validation, rest test.
        Assert.Equal([.. Enumerable.Range(0, 9), 17], split.Train);
        Assert.Equal([11, 12, 16], split.Valid);
        Assert.Equal([9, 10, 13, 14, 15], split.Test);
    }

    [Fact]
    public void Split_Scaffold_IgnoresTheSeed_BalancedDependsOnIt()
    {
        var fractions = new SplitFractions(0.6, 0.2, 0.2);
        var sorted = new ScaffoldSplitter(ScaffoldOrder.LargestFirst);
        Assert.Equal(sorted.Split(Molecules, fractions, 1).Test, sorted.Split(Molecules, fractions, 2).Test);
        var balanced = new ScaffoldSplitter(ScaffoldOrder.Balanced);
        var tests = Enumerable.Range(0, 10).Select(seed => string.Join(',', balanced.Split(Molecules, fractions, seed).Test)).Distinct().Count();
        Assert.True(tests > 1);
        Assert.Equal(balanced.Split(Molecules, fractions, 3).Test, balanced.Split(Molecules, fractions, 3).Test);
    }
}
