namespace BioTransformer.Molecules.Chemistry;

/// <summary>Folding explicit hydrogen atoms ([H] written as atoms) into their neighbours' hydrogen counts.</summary>
public static class Hydrogens
{
    /// <summary>
    /// A copy without ordinary hydrogen atoms: neutral, non-isotopic [H] with one bond to a heavy atom
    /// become part of that atom's hydrogen count (keeping their place in stereo neighbour lists).
    /// Others ([2H], [H+], H2, bridging H) stay atoms, as RDKit's RemoveHs leaves them.
    /// </summary>
    public static Molecule Remove(Molecule input)
    {
        var mol = input.Clone();
        var keep = new bool[mol.AtomCount];
        bool any = false;
        for (int a = 0; a < mol.AtomCount; a++)
        {
            keep[a] = !IsRemovable(mol, a);
            if (!keep[a]) any = true;
        }
        if (!any) return input;

        var heavyNeighbor = new int[mol.AtomCount];
        for (int a = 0; a < mol.AtomCount; a++)
            heavyNeighbor[a] = keep[a] ? -1 : mol.Bonds[mol.BondsOf(a)[0]].Other(a);
        for (int a = 0; a < mol.AtomCount; a++)
        {
            if (keep[a]) continue;
            var heavy = mol.Atoms[heavyNeighbor[a]];
            heavy.ExplicitHydrogens++;
            if (heavy.StereoNeighbors is { } order)
            {
                int at = order.IndexOf(a);
                if (at >= 0) order[at] = -1;
            }
        }
        // A double bond's reference neighbour that was an H: use the other substituent, flipping cis/trans.
        for (int i = 0; i < mol.DoubleBondStereo.Count; i++)
        {
            var s = mol.DoubleBondStereo[i];
            var bond = mol.Bonds[s.Bond];
            int begin = s.BeginNeighbor, end = s.EndNeighbor;
            bool cis = s.Cis;
            if (!keep[begin]) { begin = OtherSubstituent(mol, bond.Begin, bond.End, begin, keep); cis = !cis; }
            if (!keep[end]) { end = OtherSubstituent(mol, bond.End, bond.Begin, end, keep); cis = !cis; }
            mol.DoubleBondStereo[i] = s with { BeginNeighbor = begin, EndNeighbor = end, Cis = cis };
        }
        var (result, _) = mol.Subgraph(keep);
        return result;
    }

    private static int OtherSubstituent(Molecule mol, int atom, int across, int exclude, bool[] keep)
    {
        foreach (var b in mol.BondsOf(atom))
        {
            int o = mol.Bonds[b].Other(atom);
            if (o != across && o != exclude && keep[o]) return o;
        }
        return exclude; // no other heavy substituent: the stereo is dropped by Subgraph
    }

    private static bool IsRemovable(Molecule mol, int a)
    {
        var atom = mol.Atoms[a];
        if (atom.Element != 1 || atom.Isotope != 0 || atom.Charge != 0 || atom.RadicalElectrons != 0 || atom.AtomClass != 0) return false;
        if (mol.Degree(a) != 1 || atom.ExplicitHydrogens != 0) return false;
        var bond = mol.Bonds[mol.BondsOf(a)[0]];
        if (bond.Type != BondType.Single) return false;
        var other = mol.Atoms[bond.Other(a)];
        return other.Element > 1;
    }

    /// <summary>
    /// A copy with every hydrogen as an explicit atom (what RDKit's AddHs gives), for atom typings
    /// written in terms of hydrogen atoms (Crippen). Heavy atoms keep their aromaticity flags.
    /// </summary>
    public static Molecule Add(Molecule input)
    {
        var mol = input.Clone();
        int heavy = mol.AtomCount;
        for (int a = 0; a < heavy; a++)
        {
            var atom = mol.Atoms[a];
            int h = atom.TotalHydrogens;
            atom.ExplicitHydrogens = 0;
            atom.ImplicitHydrogens = 0;
            atom.NoImplicit = true;
            for (int k = 0; k < h; k++)
            {
                int index = mol.AddAtom(new Atom { Element = 1, NoImplicit = true, Bracket = true, Position = atom.Position });
                mol.AddBond(a, index, BondType.Single);
                if (atom.StereoNeighbors is { } order && order.IndexOf(-1) is var at and >= 0) order[at] = index;
            }
        }
        return mol;
    }
}
