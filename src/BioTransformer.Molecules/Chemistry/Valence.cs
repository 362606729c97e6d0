namespace BioTransformer.Molecules.Chemistry;

/// <summary>
/// Explicit and implicit valence with the rules chemists' toolkits use (these follow RDKit's model so
/// validity judgements agree with it): allowed valences per element, charge moving an atom along the
/// periodic table (leftwards for elements left of carbon), and aromatic atoms snapped to the nearest
/// allowed valence before kekulization.
/// </summary>
public static class Valence
{
    /// <summary>Whether the atom is aromatic or has an aromatic bond.</summary>
    public static bool IsAromaticAtom(Molecule mol, int atom)
    {
        if (mol.Atoms[atom].Aromatic) return true;
        foreach (var b in mol.BondsOf(atom))
            if (mol.Bonds[b].Aromatic || mol.Bonds[b].Type == BondType.Aromatic) return true;
        return false;
    }

    /// <summary>
    /// Explicit valence: bond orders (aromatic 1.5) plus written hydrogens, rounded up from x.5, with
    /// aromatic atoms above their default valence taken down to the nearest allowed one (within 1.5).
    /// Returns -1 when <paramref name="check"/> and the valence exceeds every allowed valence.
    /// </summary>
    public static int Explicit(Molecule mol, int index, bool check)
    {
        var atom = mol.Atoms[index];
        int z = atom.Element;
        double accum = mol.BondOrderSum(index) + atom.ExplicitHydrogens;
        int dv = Elements.DefaultValence(z);
        int chr = ChargeShift(z, atom.Charge);
        if (dv >= 0 && accum > dv + chr && IsAromaticAtom(mol, index))
        {
            int pval = dv + chr;
            foreach (var v in Elements.Valences(z))
            {
                if (v == -1) break;
                if (v + chr > accum) break;
                pval = v + chr;
            }
            if (accum - pval <= 1.5) accum = pval;
        }
        int result = (int)Math.Round(accum + 0.1, MidpointRounding.AwayFromZero);
        if (check)
        {
            int effective = Elements.OuterShellElectrons(z) >= 4 ? result - atom.Charge : result + atom.Charge;
            var valences = Elements.Valences(z);
            int max = valences[^1];
            if (max > 0 && effective > max) return -1;
        }
        return result;
    }

    /// <summary>
    /// Implicit hydrogens an organic-subset atom gets for <paramref name="explicitValence"/>: the smallest
    /// allowed valence at or above it, minus it. Bracket atoms (NoImplicit) get none. Returns -1 when
    /// <paramref name="check"/> and no allowed valence fits.
    /// </summary>
    public static int ImplicitHydrogens(Molecule mol, int index, int explicitValence, bool check)
    {
        var atom = mol.Atoms[index];
        if (atom.NoImplicit) return 0;
        int z = atom.Element;
        if (z == 0) return 0;
        if (explicitValence == 0 && z == 1 && atom.RadicalElectrons == 0)
            return atom.Charge is 1 or -1 ? 0 : atom.Charge == 0 ? 1 : check ? -1 : 0;
        int dv = Elements.DefaultValence(z);
        if (dv == -1) return 0;
        var valences = Elements.Valences(z);
        int withRadicals = explicitValence + atom.RadicalElectrons;
        int chg = ChargeShift(z, atom.Charge);
        if (IsAromaticAtom(mol, index))
        {
            if (withRadicals <= dv + chg) return dv + chg - withRadicals;
            foreach (var v in valences)
            {
                if (v <= 0) break;
                if (withRadicals == v + chg) return 0;
            }
            return check ? -1 : 0;
        }
        foreach (var v in valences)
        {
            if (v < 0) break;
            if (withRadicals <= v + chg) return v + chg - withRadicals;
        }
        return check && valences[^1] != -1 ? -1 : 0;
    }

    /// <summary>
    /// How a formal charge shifts the allowed valences: +charge for elements from carbon rightwards
    /// (N+ takes four bonds), -charge for earlier ones (B- takes four), and carbocations count as
    /// carbanions (a C+ with three bonds gets no hydrogen).
    /// </summary>
    internal static int ChargeShift(int z, int charge)
    {
        int chr = charge;
        if (Elements.IsEarly(z)) chr = -chr;
        if (z == 6 && chr > 0) chr = -chr;
        return chr;
    }
}
