using System.Globalization;
using System.Text;
using BioTransformer.Molecules.Chemistry;
using BioTransformer.Molecules.Smarts;

namespace BioTransformer.Molecules.Descriptors;

/// <summary>The descriptors of one molecule (units in the property docs).</summary>
/// <param name="Formula">Hill formula with net charge, e.g. "C9H8O4", "C2H3O2-".</param>
/// <param name="MolecularWeight">Average molecular weight in g/mol (isotopes use their exact mass).</param>
/// <param name="HeavyAtoms">Atoms other than hydrogen.</param>
/// <param name="Rings">Rings (the relevant-cycle set, as RDKit's ring count).</param>
/// <param name="AromaticRings">Rings whose bonds are all aromatic.</param>
/// <param name="HBondDonors">RDKit/Lipinski-style donors: N-H, O-H, S-H, aromatic [nH] with the valence states of RDKit's definition.</param>
/// <param name="HBondAcceptors">RDKit-style acceptors (ethers, carbonyls, non-amide N, aromatic n/o/s, anions).</param>
/// <param name="RotatableBonds">Strict count: non-ring single bonds between non-terminal atoms, excluding amide C–N, CX3 and t-butyl rotors.</param>
/// <param name="Tpsa">Topological polar surface area of N and O (Ertl 2000), Å².</param>
/// <param name="LogP">Wildman–Crippen log P (octanol/water), unitless.</param>
/// <param name="Qed">Quantitative estimate of drug-likeness (Bickerton 2012), 0–1, mean weights.</param>
public sealed record DescriptorSet(
    string Formula,
    double MolecularWeight,
    int HeavyAtoms,
    int Rings,
    int AromaticRings,
    int HBondDonors,
    int HBondAcceptors,
    int RotatableBonds,
    double Tpsa,
    double LogP,
    double Qed);

/// <summary>
/// Physicochemical descriptors with the definitions of RDKit (checked against it on golden files): formula,
/// weight, heavy atoms, rings, aromatic rings, H-bond donors and acceptors, rotatable bonds, TPSA,
/// Crippen log P and QED.
/// </summary>
public static class MolecularDescriptors
{
    private static readonly SmartsPattern Donors = SmartsPattern.Parse("[N&!H0&v3,N&!H0&+1&v4,O&H1&+0,S&H1&+0,n&H1&+0]");

    private static readonly SmartsPattern Acceptors = SmartsPattern.Parse(
        "[$([O,S;H1;v2]-[!$(*=[O,N,P,S])]),$([O,S;H0;v2]),$([O,S;-]),$([N;v3;!$(N-*=!@[O,N,P,S])]),$([nH0,o,s;+0])]");

    private static readonly SmartsPattern StrictRotatable = SmartsPattern.Parse(
        "[!$(*#*)&!D1&!$(C(F)(F)F)&!$(C(Cl)(Cl)Cl)&!$(C(Br)(Br)Br)&!$(C([CH3])([CH3])[CH3])&!$([CD3](=[N,O,S])-!@[#7,O,S!D1])" +
        "&!$([#7,O,S!D1]-!@[CD3]=[N,O,S])&!$([CD3](=[N+])-!@[#7!D1])&!$([#7!D1]-!@[CD3]=[N+])]-!@" +
        "[!$(*#*)&!D1&!$(C(F)(F)F)&!$(C(Cl)(Cl)Cl)&!$(C(Br)(Br)Br)&!$(C([CH3])([CH3])[CH3])]");

    public static DescriptorSet Compute(Molecule molecule)
    {
        var target = MatchTarget.For(molecule);
        var mol = target.Molecule;
        double mw = MolecularWeight(mol);
        double logP = Crippen.LogP(mol);
        int hbd = Donors.Matches(target).Count;
        int hba = Acceptors.Matches(target).Count;
        int rotatable = StrictRotatable.Matches(target).Count;
        double tpsa = Tpsa(mol);
        return new DescriptorSet(
            Formula(mol), mw, HeavyAtoms(mol), mol.Rings.AtomRings.Count, AromaticRings(mol), hbd, hba, rotatable, tpsa, logP,
            QedScore.Compute(target, mw, logP, hbd, tpsa, rotatable));
    }

    /// <summary>Hill order as RDKit writes it: C, then H, then the others alphabetically; net charge last.</summary>
    public static string Formula(Molecule mol)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        int charge = 0;
        foreach (var atom in mol.Atoms)
        {
            var symbol = Elements.Symbol(atom.Element);
            counts[symbol] = counts.GetValueOrDefault(symbol) + 1;
            if (atom.TotalHydrogens > 0) counts["H"] = counts.GetValueOrDefault("H") + atom.TotalHydrogens;
            charge += atom.Charge;
        }
        var order = new List<string>();
        if (counts.ContainsKey("C")) order.Add("C");
        if (counts.ContainsKey("H")) order.Add("H");
        order.AddRange(counts.Keys.Where(k => !order.Contains(k)).Order(StringComparer.Ordinal));
        var text = new StringBuilder();
        foreach (var symbol in order)
        {
            text.Append(symbol);
            if (counts[symbol] > 1) text.Append(counts[symbol].ToString(CultureInfo.InvariantCulture));
        }
        if (charge != 0)
        {
            text.Append(charge > 0 ? '+' : '-');
            if (Math.Abs(charge) > 1) text.Append(Math.Abs(charge).ToString(CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    /// <summary>Sum of atomic weights (isotope masses where given) and hydrogens, g/mol.</summary>
    public static double MolecularWeight(Molecule mol)
    {
        double hydrogen = Elements.AtomicWeight(1);
        double total = 0;
        foreach (var atom in mol.Atoms)
        {
            total += atom.Isotope > 0 && atom.Element > 0 ? Elements.IsotopeMass(atom.Element, atom.Isotope) : Elements.AtomicWeight(atom.Element);
            total += atom.TotalHydrogens * hydrogen;
        }
        return total;
    }

    public static int HeavyAtoms(Molecule mol) => mol.Atoms.Count(a => a.Element > 1);

    /// <summary>Rings whose every bond is aromatic (aromaticity must be perceived).</summary>
    public static int AromaticRings(Molecule mol) =>
        mol.Rings.BondRings.Count(ring => ring.All(b => mol.Bonds[b].Aromatic));

    /// <summary>
    /// Topological polar surface area (Ertl, Rohde &amp; Selzer 2000): per-atom contributions of N and O
    /// by their hydrogens, charge, bond types and 3-ring membership, Å². S and P are not counted.
    /// </summary>
    public static double Tpsa(Molecule mol)
    {
        double total = 0;
        var info = mol.Rings;
        for (int a = 0; a < mol.AtomCount; a++)
        {
            var atom = mol.Atoms[a];
            if (atom.Element is not (7 or 8)) continue;
            int single = 0, dbl = 0, triple = 0, aromatic = 0, hs = atom.TotalHydrogens, neighbors = 0;
            foreach (var b in mol.BondsOf(a))
            {
                var bond = mol.Bonds[b];
                if (mol.Atoms[bond.Other(a)].Element == 1) { hs++; continue; }
                neighbors++;
                if (bond.Aromatic) aromatic++;
                else if (bond.Type == BondType.Single) single++;
                else if (bond.Type == BondType.Double) dbl++;
                else if (bond.Type == BondType.Triple) triple++;
            }
            bool in3Ring = info.IsRingAtom(a) && info.AtomRings.Any(r => r.Length == 3 && Array.IndexOf(r, a) >= 0);
            total += atom.Element == 7
                ? NitrogenContribution(neighbors, hs, atom.Charge, single, dbl, triple, aromatic, in3Ring)
                : OxygenContribution(neighbors, hs, atom.Charge, single, dbl, aromatic, in3Ring);
        }
        return total;
    }

    private static double NitrogenContribution(int nbrs, int hs, int chg, int s, int d, int t, int ar, bool in3Ring)
    {
        double? v = nbrs switch
        {
            1 when hs == 0 && chg == 0 && t == 1 => 23.79,
            1 when hs == 1 && chg == 0 && d == 1 => 23.85,
            1 when hs == 2 && chg == 0 && s == 1 => 26.02,
            1 when hs == 2 && chg == 1 && d == 1 => 25.59,
            1 when hs == 3 && chg == 1 && s == 1 => 27.64,
            2 when hs == 0 && chg == 0 && s == 1 && d == 1 => 12.36,
            2 when hs == 0 && chg == 0 && t == 1 && d == 1 => 13.60,
            2 when hs == 1 && chg == 0 && s == 2 && in3Ring => 21.94,
            2 when hs == 1 && chg == 0 && s == 2 => 12.03,
            2 when hs == 0 && chg == 1 && t == 1 && s == 1 => 4.36,
            2 when hs == 1 && chg == 1 && d == 1 && s == 1 => 13.97,
            2 when hs == 2 && chg == 1 && s == 2 => 16.61,
            2 when hs == 0 && chg == 0 && ar == 2 => 12.89,
            2 when hs == 1 && chg == 0 && ar == 2 => 15.79,
            2 when hs == 1 && chg == 1 && ar == 2 => 14.14,
            3 when hs == 0 && chg == 0 && s == 3 && in3Ring => 3.01,
            3 when hs == 0 && chg == 0 && s == 3 => 3.24,
            3 when hs == 0 && chg == 0 && s == 1 && d == 2 => 11.68,
            3 when hs == 0 && chg == 1 && s == 2 && d == 1 => 3.01,
            3 when hs == 1 && chg == 1 && s == 3 => 4.44,
            3 when hs == 0 && chg == 0 && ar == 3 => 4.41,
            3 when hs == 0 && chg == 0 && s == 1 && ar == 2 => 4.93,
            3 when hs == 0 && chg == 0 && d == 1 && ar == 2 => 8.39,
            3 when hs == 0 && chg == 1 && ar == 3 => 4.10,
            3 when hs == 0 && chg == 1 && s == 1 && ar == 2 => 3.88,
            4 when hs == 0 && s == 4 && chg == 1 => 0.0,
            _ => null,
        };
        return v ?? Math.Max(0, 30.5 - nbrs * 8.2 + hs * 1.5);
    }

    private static double OxygenContribution(int nbrs, int hs, int chg, int s, int d, int ar, bool in3Ring)
    {
        double? v = nbrs switch
        {
            1 when hs == 0 && chg == 0 && d == 1 => 17.07,
            1 when hs == 1 && chg == 0 && s == 1 => 20.23,
            1 when hs == 0 && chg == -1 && s == 1 => 23.06,
            2 when hs == 0 && chg == 0 && s == 2 && in3Ring => 12.53,
            2 when hs == 0 && chg == 0 && s == 2 => 9.23,
            2 when hs == 0 && chg == 0 && ar == 2 => 13.14,
            _ => null,
        };
        return v ?? Math.Max(0, 28.5 - nbrs * 8.6 + hs * 1.5);
    }
}
