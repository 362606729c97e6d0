using System.Globalization;
using BioTransformer.Molecules;

namespace BioTransformer.Tests.Chemistry;

/// <summary>
/// Validity against RDKit's MolFromSmiles (with sanitization) on the golden set made by
/// scripts/golden/make_chemistry_golden.py: drug-like, natural products, charged, salts,
/// organometallics, and corrupted SMILES (deleted, inserted, swapped characters).
/// </summary>
public class ValidityGoldenTests
{
    private static readonly Lazy<List<(string Smiles, string Source, bool Valid)>> Golden = new(() =>
        File.ReadLines(Repo.Fixture("chemistry/validity.csv")).Skip(1).Select(ParseLine).ToList());

    /// <summary>The file's SMILES contain no quotes or commas, but may be quoted by the CSV writer.</summary>
    private static (string, string, bool) ParseLine(string line)
    {
        int last = line.LastIndexOf(','), middle = line.LastIndexOf(',', last - 1);
        var smiles = line[..middle].Trim('"');
        return (smiles, line[(middle + 1)..last], line[(last + 1)..] == "1");
    }

    [Fact]
    public void Validity_AgreesWithRDKit_OnAtLeast99PercentOfTheMixedSet()
    {
        var golden = Golden.Value;
        Assert.True(golden.Count > 10_000, $"only {golden.Count} golden SMILES");
        var disagreements = golden.Where(g => Smiles.IsValid(g.Smiles) != g.Valid).ToList();
        double agreement = 1 - (double)disagreements.Count / golden.Count;
        // Measured 99.93% (8 of 11,630 differ: corrupted SMILES with aromatic atoms that RDKit accepts although
        // their kekulized valence is impossible; we reject them, see Sanitizer.CheckKekuleValences).
        Assert.True(agreement >= 0.999, $"agreement {agreement.ToString("P2", CultureInfo.InvariantCulture)}; first: " +
                                         string.Join("; ", disagreements.Take(5).Select(d => $"{d.Smiles} (RDKit {(d.Valid ? "valid" : "invalid")})")));
    }

    [Fact]
    public void Validity_RealMolecules_AllAcceptedThatRDKitAccepts()
    {
        var real = Golden.Value.Where(g => g.Source != "corrupted").ToList();
        Assert.Contains(real, g => g.Source.StartsWith("drug-like", StringComparison.Ordinal));
        Assert.Contains(real, g => g.Source == "natural-product");
        var missed = real.Where(g => g.Valid && !Smiles.IsValid(g.Smiles)).Select(g => g.Smiles).ToList();
        Assert.Empty(missed);
    }

    [Fact]
    public void Validity_NeverRejectsWithAnythingButSmilesException()
    {
        foreach (var (smiles, _, _) in Golden.Value.Where(g => g.Source == "corrupted"))
            Smiles.TryParse(smiles, out _, out _); // throws only on a bug
    }
}
