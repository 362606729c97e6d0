using BioTransformer.Molecules.Chemistry;

namespace BioTransformer.Molecules.Descriptors.Rdkit2D;

public enum Hybridization
{
    Unspecified,
    S,
    SP,
    SP2,
    SP3,
    SP3D,
    SP3D2,
}

/// <summary>
/// Hybridization as RDKit assigns it: from the number of σ bonds plus lone pairs (4 → SP3, 3 → SP2, 2 → SP),
/// except that an atom with four such orbitals but a conjugated bond and at most three neighbours is SP2 (the
/// ester O, the amide and aniline N). Bonds are conjugated when aromatic, or when they join a multiple bond to
/// an atom that can take part in conjugation (a lone pair or a π bond, at most three neighbours).
/// </summary>
public static class Hybridizations
{
    /// <summary>Each atom's hybridization and, per bond, whether it is conjugated.</summary>
    public static (Hybridization[] Atoms, bool[] ConjugatedBonds) Perceive(Molecule molecule)
    {
        int n = molecule.AtomCount;
        var kekule = Kekule(molecule);
        var valence = new int[n];
        for (int a = 0; a < n; a++)
            valence[a] = (int)Math.Round(kekule.BondOrderSum(a)) + molecule.Atoms[a].TotalHydrogens;
        var conjugated = ConjugatedBonds(molecule, valence);
        var result = new Hybridization[n];
        for (int a = 0; a < n; a++)
        {
            var atom = molecule.Atoms[a];
            int totalDegree = molecule.Degree(a) + atom.TotalHydrogens;
            if (atom.Element == 0) { result[a] = Hybridization.Unspecified; continue; }
            int orbitals = atom.Element < 89 ? BondsPlusLonePairs(molecule, a, valence[a]) : totalDegree;
            result[a] = orbitals switch
            {
                0 or 1 => Hybridization.S,
                2 => Hybridization.SP,
                3 => Hybridization.SP2,
                4 => totalDegree > 3 || !molecule.BondsOf(a).Any(b => conjugated[b]) ? Hybridization.SP3 : Hybridization.SP2,
                5 => Hybridization.SP3D,
                6 => Hybridization.SP3D2,
                _ => Hybridization.Unspecified,
            };
        }
        return (result, conjugated);
    }

    /// <summary>A copy with alternating single and double bonds in place of aromatic ones.</summary>
    internal static Molecule Kekule(Molecule molecule)
    {
        var copy = molecule.Clone();
        if (copy.Bonds.Any(b => b.Aromatic || b.Type == BondType.Aromatic)) Kekulizer.Kekulize(copy, "");
        return copy;
    }

    /// <summary>σ bonds (neighbours and hydrogens) plus lone pairs (and radicals below an octet).</summary>
    private static int BondsPlusLonePairs(Molecule molecule, int a, int totalValence)
    {
        var atom = molecule.Atoms[a];
        int degree = molecule.Degree(a) + atom.TotalHydrogens;
        if (atom.Element <= 1) return degree;
        int outer = Elements.OuterShellElectrons(atom.Element);
        int free = outer - (totalValence + atom.Charge);
        if (totalValence + outer - atom.Charge < 8)
        {
            int radicals = atom.RadicalElectrons;
            return degree + (free - radicals) / 2 + radicals;
        }
        return degree + free / 2;
    }

    /// <summary>Per bond, whether it is conjugated (RDKit's rules).</summary>
    public static bool[] ConjugatedBonds(Molecule molecule, int[] valence)
    {
        var conjugated = new bool[molecule.Bonds.Count];
        for (int b = 0; b < molecule.Bonds.Count; b++) conjugated[b] = molecule.Bonds[b].Aromatic || molecule.Bonds[b].Type == BondType.Aromatic;
        for (int a = 0; a < molecule.AtomCount; a++)
        {
            if (!Candidate(molecule, a, valence)) continue;
            int substituents = molecule.Degree(a) + molecule.Atoms[a].TotalHydrogens;
            if (substituents is < 2 or > 3) continue;
            foreach (var b1 in molecule.BondsOf(a))
            {
                var bond1 = molecule.Bonds[b1];
                if (bond1.Type.Valence() < 1.5) continue;
                foreach (var b2 in molecule.BondsOf(a))
                {
                    if (b1 == b2) continue;
                    int other = molecule.Bonds[b2].Other(a);
                    if (molecule.Degree(other) + molecule.Atoms[other].TotalHydrogens > 3) continue;
                    if (!Candidate(molecule, other, valence)) continue;
                    conjugated[b1] = true;
                    conjugated[b2] = true;
                }
            }
        }
        return conjugated;
    }

    /// <summary>Whether an atom can take part in conjugation: first row, or not in group 15/16, or a group-16 atom with one substituent counting hydrogens (so thiophenol's S is not, thiolate S⁻ is), and with electrons to offer.</summary>
    private static bool Candidate(Molecule molecule, int a, int[] valence)
    {
        var atom = molecule.Atoms[a];
        int outer = Elements.OuterShellElectrons(atom.Element);
        bool element = atom.Element <= 10 || (outer != 5 && outer != 6) || (outer == 6 && molecule.Degree(a) + atom.TotalHydrogens < 2);
        return element && AtomElectrons(molecule, a, valence) > 0;
    }

    /// <summary>Electrons an atom can give to a conjugated or aromatic system (RDKit's countAtomElec); −1 when it cannot take part.</summary>
    private static int AtomElectrons(Molecule molecule, int a, int[] valence)
    {
        var atom = molecule.Atoms[a];
        int defaultValence = Elements.DefaultValence(atom.Element);
        if (defaultValence <= 1) return -1;
        int degree = molecule.Degree(a) + atom.TotalHydrogens;
        if (degree > 3) return -1;
        int outer = Elements.OuterShellElectrons(atom.Element);
        // The element behaves like its isoelectronic neighbour when charged (N+ like C, O+ like N).
        int effectiveValence = defaultValence;
        int chargedOuter = outer - atom.Charge;
        if (atom.Charge != 0 && chargedOuter is >= 1 and <= 8) effectiveValence = chargedOuter <= 4 ? chargedOuter : 8 - chargedOuter;
        int lonePairElectrons = chargedOuter - effectiveValence;
        int result = effectiveValence - degree + lonePairElectrons - atom.RadicalElectrons;
        if (result > 1 && valence[a] - molecule.Degree(a) - atom.TotalHydrogens > 1) result = 1;
        return result;
    }
}
