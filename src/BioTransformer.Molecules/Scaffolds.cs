using BioTransformer.Molecules.Chemistry;

namespace BioTransformer.Molecules;

/// <summary>
/// Bemis–Murcko scaffolds (Bemis &amp; Murcko 1996) as RDKit computes them: ring systems and the
/// linkers between them, plus atoms double-bonded to those (exocyclic C=O stays); side chains go.
/// A molecule without rings has the empty scaffold "".
/// </summary>
public static class Scaffolds
{
    /// <summary>The scaffold as a molecule (aromaticity perceived, hydrogens adjusted where substituents were cut).</summary>
    public static Molecule MurckoScaffold(Molecule molecule)
    {
        var mol = Hydrogens.Remove(molecule);
        if (ReferenceEquals(mol, molecule)) mol = molecule.Clone();
        Aromaticity.Perceive(mol);
        int n = mol.AtomCount;
        var info = mol.Rings;
        var keep = new bool[n];
        var degree = new int[n];
        for (int a = 0; a < n; a++)
        {
            keep[a] = true;
            degree[a] = mol.Degree(a);
        }
        // Strip side chains: repeatedly remove non-ring atoms left with at most one neighbour.
        bool changed = true;
        while (changed)
        {
            changed = false;
            var remove = new List<int>();
            for (int a = 0; a < n; a++)
                if (keep[a] && !info.IsRingAtom(a) && degree[a] <= 1) remove.Add(a);
            foreach (var a in remove)
            {
                keep[a] = false;
                changed = true;
                foreach (var b in mol.BondsOf(a))
                {
                    int o = mol.Bonds[b].Other(a);
                    if (keep[o]) degree[o]--;
                }
            }
        }
        // Atoms double-bonded to the scaffold stay (carbonyls, imines on rings and linkers).
        var scaffoldCore = (bool[])keep.Clone();
        for (int a = 0; a < n; a++)
        {
            if (scaffoldCore[a]) continue;
            foreach (var b in mol.BondsOf(a))
                if (mol.Bonds[b].Type == BondType.Double && scaffoldCore[mol.Bonds[b].Other(a)]) { keep[a] = true; break; }
        }

        // Where a substituent is cut from a core atom, as RDKit does: an aromatic heteroatom gets one
        // explicit H (the n of N-methylpyrrole becomes [nH]); a bracket or stereo atom falls back to
        // implicit hydrogens. Atoms kept only for their double bond keep their counts.
        var touched = new bool[n];
        for (int r = 0; r < n; r++)
        {
            if (keep[r]) continue;
            foreach (var b in mol.BondsOf(r))
            {
                int k = mol.Bonds[b].Other(r);
                if (keep[k]) touched[k] = true;
                if (!scaffoldCore[k]) continue;
                var atom = mol.Atoms[k];
                if (atom.Aromatic && atom.Element != 6) atom.ExplicitHydrogens = 1;
                else if (atom.NoImplicit || atom.Chirality != Chirality.None)
                {
                    atom.NoImplicit = false;
                    atom.ExplicitHydrogens = 0;
                }
            }
        }
        foreach (var atom in mol.Atoms)
        {
            atom.Chirality = Chirality.None;
            atom.StereoNeighbors = null;
        }
        var (scaffold, map) = mol.Subgraph(keep);
        scaffold.DoubleBondStereo.Clear();
        // Atoms that lost substituents get their implicit hydrogens from the valence rules again.
        for (int old = 0; old < n; old++)
        {
            if (!touched[old] || map[old] < 0) continue;
            int a = map[old];
            var atom = scaffold.Atoms[a];
            if (atom.NoImplicit) continue;
            atom.ImplicitHydrogens = Valence.ImplicitHydrogens(scaffold, a, Valence.Explicit(scaffold, a, check: false), check: false);
        }
        return scaffold;
    }

    /// <summary>Canonical SMILES of the Murcko scaffold without stereo ("" for acyclic molecules), chemprop's grouping key.</summary>
    public static string MurckoSmiles(Molecule molecule)
    {
        var scaffold = MurckoScaffold(molecule);
        return scaffold.AtomCount == 0 ? "" : Smiles.Canonical(scaffold);
    }
}
