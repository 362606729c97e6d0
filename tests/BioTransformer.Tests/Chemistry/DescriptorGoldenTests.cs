using System.Globalization;
using BioTransformer.Molecules;
using BioTransformer.Molecules.Chemistry;
using BioTransformer.Molecules.Descriptors;
using BioTransformer.Molecules.Fingerprints;

namespace BioTransformer.Tests.Chemistry;

/// <summary>
/// Descriptors, Morgan fingerprints, aromaticity and Bemis–Murcko scaffolds against RDKit 2022.09 on
/// 2,146 molecules (tests/.../Fixtures/chemistry/descriptors.csv, made by scripts/golden/make_chemistry_golden.py).
/// Tolerances: integers exact; weight 0.001 g/mol; TPSA 0.01 Å²; log P and QED 0.001 (rounding of the golden file).
/// </summary>
public class DescriptorGoldenTests
{
    private sealed record Row(string Smiles, string[] Fields, Dictionary<string, int> Columns)
    {
        public string this[string column] => Fields[Columns[column]];

        public double Number(string column) => double.Parse(this[column], CultureInfo.InvariantCulture);
    }

    private static readonly Lazy<List<Row>> Golden = new(() =>
    {
        var lines = File.ReadAllLines(Repo.Fixture("chemistry/descriptors.csv"));
        var header = lines[0].Split(',');
        var columns = header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i);
        return lines.Skip(1).Select(l => l.Split(',')).Select(f => new Row(f[0], f, columns)).ToList();
    });

    private static void AssertAll(string what, Func<Row, string?> mismatch, double minimumAgreement = 1.0)
    {
        var rows = Golden.Value;
        var failures = rows.Select(r => (r.Smiles, Problem: mismatch(r))).Where(x => x.Problem is not null).ToList();
        double agreement = 1 - (double)failures.Count / rows.Count;
        Assert.True(agreement >= minimumAgreement,
            $"{what}: {failures.Count} of {rows.Count} differ from RDKit, e.g. {string.Join("; ", failures.Take(3).Select(f => $"{f.Smiles}: {f.Problem}"))}");
    }

    private static DescriptorSet Compute(Row row) => MolecularDescriptors.Compute(Smiles.Parse(row.Smiles));

    [Fact]
    public void Descriptors_IntegersAndFormula_EqualRDKit() => AssertAll("formula/heavy atoms/aromatic rings/HBD/HBA/rotatable bonds", r =>
    {
        var d = Compute(r);
        var ours = $"{d.Formula} {d.HeavyAtoms} {d.AromaticRings} {d.HBondDonors} {d.HBondAcceptors} {d.RotatableBonds}";
        var theirs = $"{r["formula"]} {r["heavy_atoms"]} {r["aromatic_rings"]} {r["hbd"]} {r["hba"]} {r["rotatable_bonds"]}";
        return ours == theirs ? null : $"ours {ours}, RDKit {theirs}";
    });

    [Fact]
    public void Descriptors_RealValued_WithinTolerance() => AssertAll("weight/TPSA/logP/QED", r =>
    {
        var d = Compute(r);
        var problems = new List<string>();
        if (Math.Abs(d.MolecularWeight - r.Number("mol_weight")) > 1e-3) problems.Add($"MW {d.MolecularWeight} vs {r["mol_weight"]}");
        if (Math.Abs(d.Tpsa - r.Number("tpsa")) > 1e-2) problems.Add($"TPSA {d.Tpsa} vs {r["tpsa"]}");
        if (Math.Abs(d.LogP - r.Number("logp")) > 1e-3) problems.Add($"logP {d.LogP} vs {r["logp"]}");
        if (Math.Abs(d.Qed - r.Number("qed")) > 1e-3) problems.Add($"QED {d.Qed} vs {r["qed"]}");
        return problems.Count == 0 ? null : string.Join(", ", problems);
    });

    /// <summary>
    /// Ring counts use relevant cycles; RDKit's symmetrized SSSR counts differently in 2 molecules (two bridged
    /// systems, quinine dimer and a rifamycin), so agreement is 2,144/2,146.
    /// </summary>
    [Fact]
    public void Descriptors_RingCount_AgreesOnAtLeast99Point8Percent() => AssertAll("rings", r =>
        Compute(r).Rings == int.Parse(r["rings"], CultureInfo.InvariantCulture) ? null : $"ours {Compute(r).Rings}, RDKit {r["rings"]}", 0.998);

    [Fact]
    public void Morgan_Radius2_2048Bits_BitIdenticalToRDKit() => AssertAll("ECFP4 bits", r =>
    {
        var ours = MorganFingerprint.Bits(Smiles.Parse(r.Smiles), 2, 2048).OnBits;
        var theirs = r["morgan2_2048"].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        return ours.SequenceEqual(theirs) ? null : "bits differ";
    });

    [Fact]
    public void Scaffold_BemisMurcko_SameMoleculeAsRDKits() => AssertAll("Murcko scaffold", r =>
    {
        var ours = Scaffolds.MurckoSmiles(Smiles.Parse(r.Smiles));
        var theirs = r["scaffold"].Length == 0 ? "" : Smiles.Canonical(r["scaffold"]);
        return ours == theirs ? null : $"ours {ours}, RDKit {r["scaffold"]}";
    });

    [Fact]
    public void Canonical_SameMoleculeAsRDKitsCanonical_AndAromaticAtomsAgree() => AssertAll("canonical/aromaticity", r =>
    {
        var ours = Smiles.Canonical(r.Smiles);
        if (ours != Smiles.Canonical(r["canonical"])) return $"ours {ours} is not RDKit's {r["canonical"]}";
        var mol = Hydrogens.Remove(Smiles.Parse(r.Smiles));
        Aromaticity.Perceive(mol);
        int aromatic = mol.Atoms.Count(a => a.Aromatic);
        return aromatic == int.Parse(r["aromatic_atoms"], CultureInfo.InvariantCulture) ? null : $"{aromatic} aromatic atoms, RDKit {r["aromatic_atoms"]}";
    });
}
