using BioTransformer.Molecules.Chemistry;

namespace BioTransformer.Molecules.Smarts;

/// <summary>
/// A molecule prepared for SMARTS matching (hydrogens folded into counts, aromaticity perceived) with
/// the per-atom properties that primitives test, computed once.
/// </summary>
public sealed class MatchTarget
{
    private readonly Dictionary<(string, int), bool> recursiveCache = [];

    private MatchTarget(Molecule mol)
    {
        Molecule = mol;
        int n = mol.AtomCount;
        var rings = mol.Rings;
        TotalHydrogens = new int[n];
        ImplicitHydrogens = new int[n];
        Degree = new int[n];
        TotalValence = new int[n];
        RingCount = new int[n];
        SmallestRing = new int[n];
        RingConnectivity = new int[n];
        for (int a = 0; a < n; a++)
        {
            var atom = mol.Atoms[a];
            int hNeighbors = 0;
            foreach (var b in mol.BondsOf(a))
            {
                if (mol.Atoms[mol.Bonds[b].Other(a)].Element == 1) hNeighbors++;
                if (rings.IsRingBond(b)) RingConnectivity[a]++;
            }
            TotalHydrogens[a] = atom.TotalHydrogens + hNeighbors;
            ImplicitHydrogens[a] = atom.ImplicitHydrogens;
            Degree[a] = mol.Degree(a);
            TotalValence[a] = Valence.Explicit(mol, a, check: false) + atom.ImplicitHydrogens;
            if (rings.IsRingAtom(a))
            {
                RingCount[a] = rings.RingCountOfAtom(a);
                SmallestRing[a] = rings.SmallestRingOfAtom(a);
            }
        }
    }

    public Molecule Molecule { get; }

    public int[] TotalHydrogens { get; }

    public int[] ImplicitHydrogens { get; }

    /// <summary>Explicit connections (SMARTS D).</summary>
    public int[] Degree { get; }

    /// <summary>Bond orders plus hydrogens (SMARTS v).</summary>
    public int[] TotalValence { get; }

    /// <summary>Number of rings (of the relevant-cycle set) through the atom (SMARTS R).</summary>
    public int[] RingCount { get; }

    /// <summary>Size of the smallest ring through the atom, 0 if none (SMARTS r).</summary>
    public int[] SmallestRing { get; }

    /// <summary>Number of ring bonds at the atom (SMARTS x).</summary>
    public int[] RingConnectivity { get; }

    /// <summary>Prepares a molecule (a copy: the input is not changed).</summary>
    public static MatchTarget For(Molecule molecule)
    {
        var mol = Hydrogens.Remove(molecule);
        if (ReferenceEquals(mol, molecule)) mol = molecule.Clone();
        Aromaticity.Perceive(mol);
        return new MatchTarget(mol);
    }

    /// <summary>A target that keeps hydrogen atoms as atoms (aromaticity must already be perceived).</summary>
    public static MatchTarget ForExplicitHydrogens(Molecule molecule)
    {
        Aromaticity.Perceive(molecule);
        return new MatchTarget(molecule);
    }

    internal bool RecursiveMatch(string key, SmartsQuery sub, int atom)
    {
        if (recursiveCache.TryGetValue((key, atom), out var hit)) return hit;
        bool result = SmartsPattern.FromQuery(key, sub).MatchesAt(this, atom);
        recursiveCache[(key, atom)] = result;
        return result;
    }
}
