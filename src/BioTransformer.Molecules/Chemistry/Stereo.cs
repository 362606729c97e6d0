namespace BioTransformer.Molecules.Chemistry;

/// <summary>Reading cis/trans double bonds from '/' and '\' bond directions.</summary>
public static class Stereo
{
    /// <summary>
    /// Records a <see cref="DoubleBondStereo"/> for every double bond with a directional single bond on
    /// both ends (F/C=C/F is trans, F/C=C\F cis). Directions on one end only carry no configuration.
    /// Call on the Kekulé form, where aromatic bonds are single or double.
    /// </summary>
    public static void AssignDoubleBonds(Molecule mol)
    {
        mol.DoubleBondStereo.Clear();
        for (int b = 0; b < mol.Bonds.Count; b++)
        {
            var bond = mol.Bonds[b];
            if (bond.Type != BondType.Double) continue;
            var (x, upX) = Directional(mol, bond.Begin, b);
            var (y, upY) = Directional(mol, bond.End, b);
            if (x < 0 || y < 0) continue;
            mol.DoubleBondStereo.Add(new DoubleBondStereo(b, x, y, upX == upY));
        }
    }

    /// <summary>A neighbour of <paramref name="atom"/> over a directional single bond, and the direction read from the atom.</summary>
    private static (int Neighbor, BondDirection Up) Directional(Molecule mol, int atom, int doubleBond)
    {
        foreach (var b in mol.BondsOf(atom))
        {
            if (b == doubleBond) continue;
            var bond = mol.Bonds[b];
            if (bond.Direction == BondDirection.None || bond.Type != BondType.Single) continue;
            return (bond.Other(atom), bond.DirectionFrom(atom));
        }
        return (-1, BondDirection.None);
    }
}
