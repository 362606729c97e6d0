namespace BioTransformer.Molecules.Chemistry;

/// <summary>The cis/trans configuration of a double bond, by one reference neighbour on each side.</summary>
/// <param name="Bond">Index of the double bond.</param>
/// <param name="BeginNeighbor">A neighbour of the bond's Begin atom.</param>
/// <param name="EndNeighbor">A neighbour of the bond's End atom.</param>
/// <param name="Cis">Whether the two reference neighbours are on the same side.</param>
public readonly record struct DoubleBondStereo(int Bond, int BeginNeighbor, int EndNeighbor, bool Cis);

/// <summary>
/// A molecular graph: atoms, bonds and per-atom bond lists (in the order the bonds were written),
/// plus double-bond stereo. Built by <see cref="SmilesParser"/>, checked and completed by
/// <see cref="Sanitizer"/>.
/// </summary>
public sealed class Molecule
{
    private readonly List<Atom> atoms = [];
    private readonly List<Bond> bonds = [];
    private readonly List<List<int>> bondsOfAtom = [];
    private RingInfo? rings;

    public IReadOnlyList<Atom> Atoms => atoms;

    public IReadOnlyList<Bond> Bonds => bonds;

    /// <summary>Configured double bonds (E/Z), by reference neighbours.</summary>
    public List<DoubleBondStereo> DoubleBondStereo { get; } = [];

    /// <summary>Whether aromaticity has been perceived (atoms and bonds flagged by the RDKit model).</summary>
    public bool AromaticityPerceived { get; internal set; }

    public int AtomCount => atoms.Count;

    public int AddAtom(Atom atom)
    {
        atoms.Add(atom);
        bondsOfAtom.Add(new List<int>(4));
        rings = null;
        return atoms.Count - 1;
    }

    /// <summary>Adds a bond and appends it to both atoms' bond lists.</summary>
    public int AddBond(int begin, int end, BondType type, bool aromatic = false)
    {
        bonds.Add(new Bond(begin, end, type) { Aromatic = aromatic });
        int index = bonds.Count - 1;
        bondsOfAtom[begin].Add(index);
        bondsOfAtom[end].Add(index);
        rings = null;
        return index;
    }

    /// <summary>Bond indices of an atom in written order.</summary>
    public AtomBonds BondsOf(int atom) => new(bondsOfAtom[atom]);

    /// <summary>Mutable bond list, for the parser's ring-closure bookkeeping.</summary>
    internal List<int> BondListOf(int atom) => bondsOfAtom[atom];

    public int Degree(int atom) => bondsOfAtom[atom].Count;

    public Bond? BondBetween(int a, int b)
    {
        int index = BondIndexBetween(a, b);
        return index < 0 ? null : bonds[index];
    }

    public int BondIndexBetween(int a, int b)
    {
        // While parsing, a ring bond not yet closed holds a reserved slot (-1) in its atom's list; skip it.
        foreach (var index in bondsOfAtom[a])
            if (index >= 0 && bonds[index].Other(a) == b) return index;
        return -1;
    }

    /// <summary>Ring membership and the smallest set of smallest rings (computed on first use).</summary>
    public RingInfo Rings => rings ??= RingInfo.Compute(this);

    internal void InvalidateRings() => rings = null;

    /// <summary>Sum of bond orders at an atom (aromatic counted 1.5), without hydrogens.</summary>
    public double BondOrderSum(int atom)
    {
        double sum = 0;
        foreach (var index in bondsOfAtom[atom]) sum += bonds[index].Type.Valence();
        return sum;
    }

    public Molecule Clone()
    {
        var copy = new Molecule { AromaticityPerceived = AromaticityPerceived };
        foreach (var atom in atoms) copy.AddAtom(atom.Clone());
        foreach (var bond in bonds)
        {
            int index = copy.AddBond(bond.Begin, bond.End, bond.Type, bond.Aromatic);
            copy.bonds[index].Direction = bond.Direction;
        }
        for (int i = 0; i < atoms.Count; i++)
        {
            copy.bondsOfAtom[i].Clear();
            copy.bondsOfAtom[i].AddRange(bondsOfAtom[i]);
        }
        copy.DoubleBondStereo.AddRange(DoubleBondStereo);
        return copy;
    }

    /// <summary>
    /// A new molecule with only the atoms where <paramref name="keep"/> is true (and the bonds
    /// between them), atom order preserved. Stereo referring to removed atoms is dropped.
    /// Returns the new molecule and the map old index → new index (-1 when removed).
    /// </summary>
    public (Molecule Molecule, int[] Map) Subgraph(IReadOnlyList<bool> keep)
    {
        var result = new Molecule { AromaticityPerceived = AromaticityPerceived };
        var map = new int[atoms.Count];
        for (int i = 0; i < atoms.Count; i++) map[i] = keep[i] ? result.AddAtom(atoms[i].Clone()) : -1;
        var bondMap = new int[bonds.Count];
        for (int b = 0; b < bonds.Count; b++)
        {
            var bond = bonds[b];
            bondMap[b] = -1;
            if (map[bond.Begin] < 0 || map[bond.End] < 0) continue;
            bondMap[b] = result.AddBond(map[bond.Begin], map[bond.End], bond.Type, bond.Aromatic);
            result.bonds[bondMap[b]].Direction = bond.Direction;
        }
        foreach (var atom in result.atoms)
            if (atom.StereoNeighbors is { } order)
            {
                if (order.Any(n => n >= 0 && map[n] < 0))
                {
                    atom.StereoNeighbors = null;
                    atom.Chirality = Chirality.None;
                }
                else atom.StereoNeighbors = order.Select(n => n < 0 ? n : map[n]).ToList();
            }
        foreach (var s in DoubleBondStereo)
            if (bondMap[s.Bond] >= 0 && map[s.BeginNeighbor] >= 0 && map[s.EndNeighbor] >= 0)
                result.DoubleBondStereo.Add(new DoubleBondStereo(bondMap[s.Bond], map[s.BeginNeighbor], map[s.EndNeighbor], s.Cis));
        return (result, map);
    }
}
