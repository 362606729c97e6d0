namespace BioTransformer.Molecules.Chemistry;

/// <summary>
/// Checks and completes a parsed molecule the way chemists' toolkits do on reading a SMILES
/// (the steps and rules of RDKit's sanitization): standardise charge-separable groups (nitro,
/// perhalates, P-ylides), check valences and assign implicit hydrogens, require aromatic atoms to be
/// in rings, kekulize aromatic systems (c1cccc1 fails, pyrrole needs [nH]), and assign radicals to
/// bracket atoms with unfilled valence. The result is in Kekulé form; see <see cref="Aromaticity"/>
/// for perception.
/// </summary>
public static class Sanitizer
{
    /// <summary>Throws <see cref="SmilesException"/> naming the offending atom's position in <paramref name="smiles"/>.</summary>
    public static void Sanitize(Molecule mol, string smiles)
    {
        var rings = mol.Rings;
        // An aromatic bond written inside a ring ('C1:C:C:C:C:C1') makes its atoms aromatic.
        foreach (var bond in mol.Bonds)
            if (bond.Type == BondType.Aromatic && rings.IsRingBond(mol.BondIndexBetween(bond.Begin, bond.End)))
            {
                mol.Atoms[bond.Begin].Aromatic = true;
                mol.Atoms[bond.End].Aromatic = true;
            }

        CleanUp(mol, null);

        for (int a = 0; a < mol.AtomCount; a++)
        {
            var atom = mol.Atoms[a];
            int ev = Valence.Explicit(mol, a, check: true);
            if (ev < 0) throw ValenceError(mol, a, smiles);
            int h = Valence.ImplicitHydrogens(mol, a, ev, check: true);
            if (h < 0) throw ValenceError(mol, a, smiles);
            atom.ImplicitHydrogens = h;
        }

        for (int a = 0; a < mol.AtomCount; a++)
            if (mol.Atoms[a].Aromatic && !rings.IsRingAtom(a))
                throw new SmilesException(smiles, mol.Atoms[a].Position, SmilesErrorKind.AromaticOutsideRing,
                    $"aromatic atom '{Elements.Symbol(mol.Atoms[a].Element).ToLowerInvariant()}' is not in a ring");

        // Atoms written aromatic, and non-aromatic atoms joined to an aromatic system by ':' (e.g. 'c1ccccc1:O'):
        // kekulization turns that bond into a single or double bond, after which their hydrogens are counted
        // again (as RDKit's output shows). Plain loops: this runs for every SMILES read.
        List<int>? touched = null;
        int aromaticCount = 0;
        for (int a = 0; a < mol.AtomCount; a++)
        {
            var atom = mol.Atoms[a];
            if (atom.Aromatic)
            {
                (touched ??= []).Add(a);
                aromaticCount++;
            }
        }
        if (touched is null)
        {
            Kekulizer.Kekulize(mol, smiles);
            AssignRadicals(mol);
            return;
        }
        foreach (var bond in mol.Bonds)
        {
            if (bond.Type != BondType.Aromatic) continue;
            AddJoined(bond.Begin, bond.End);
            AddJoined(bond.End, bond.Begin);
        }
        Kekulizer.Kekulize(mol, smiles);
        for (int k = aromaticCount; k < touched.Count; k++)
        {
            int a = touched[k];
            bool stillAromaticBond = false;
            foreach (var b in mol.BondsOf(a)) stillAromaticBond |= mol.Bonds[b].Type == BondType.Aromatic;
            if (stillAromaticBond) continue;
            int h = Valence.ImplicitHydrogens(mol, a, Valence.Explicit(mol, a, check: false), check: true);
            if (h < 0) throw ValenceError(mol, a, smiles);
            mol.Atoms[a].ImplicitHydrogens = h;
        }
        CheckKekuleValences(mol, touched, smiles);
        // Groups only visible in Kekulé form ('cp(=O)' → 'C=P(=O)') are standardised as they would be if written so.
        CleanUp(mol, touched);
        AssignRadicals(mol);

        void AddJoined(int a, int other)
        {
            if (!mol.Atoms[a].Aromatic && !mol.Atoms[a].NoImplicit && mol.Atoms[other].Aromatic && !touched.Contains(a)) touched.Add(a);
        }
    }

    /// <summary>
    /// The valence of aromatic atoms is checked leniently before kekulization (an aromatic bond counts
    /// 1.5). Once single and double bonds are assigned, an atom written aromatic but also given a triple
    /// bond, three single ring bonds on an 'o', and the like, has more bonds than its element allows.
    /// RDKit accepts some of these and then writes SMILES it cannot read back; we reject them, so every
    /// molecule accepted here can be written and read again.
    /// </summary>
    private static void CheckKekuleValences(Molecule mol, IEnumerable<int> wereAromatic, string smiles)
    {
        foreach (var a in wereAromatic)
        {
            var atom = mol.Atoms[a];
            int z = atom.Element;
            var valences = Elements.Valences(z);
            int max = valences[^1];
            if (max <= 0) continue;
            double total = mol.BondOrderSum(a) + atom.ExplicitHydrogens + atom.ImplicitHydrogens;
            int effective = (int)Math.Round(total) + (Elements.OuterShellElectrons(z) >= 4 ? -atom.Charge : atom.Charge);
            if (effective > max)
            {
                var symbol = Elements.Symbol(z);
                var charge = atom.Charge == 0 ? "" : atom.Charge > 0 ? $"{atom.Charge:+0}" : $"{atom.Charge}";
                throw new SmilesException(smiles, atom.Position, SmilesErrorKind.Valence,
                    $"{symbol}{charge} has valence {total:0} once the aromatic system is kekulized, more than allowed ({string.Join(", ", valences.Where(v => v >= 0))})");
            }
        }
    }

    private static SmilesException ValenceError(Molecule mol, int a, string smiles)
    {
        var atom = mol.Atoms[a];
        double bonds = mol.BondOrderSum(a) + atom.ExplicitHydrogens;
        var symbol = Elements.Symbol(atom.Element);
        var charge = atom.Charge == 0 ? "" : atom.Charge > 0 ? $"{atom.Charge:+0}" : $"{atom.Charge}";
        var allowed = string.Join(", ", Elements.Valences(atom.Element).Where(v => v >= 0));
        return new SmilesException(smiles, atom.Position, SmilesErrorKind.Valence,
            $"{symbol}{charge} has valence {bonds:0.#}, more than allowed ({allowed}{(charge.Length > 0 ? ", shifted by the charge" : "")})");
    }

    /// <summary>
    /// Rewrites neutral hypervalent groups to their charge-separated forms, as RDKit does before
    /// checking valences: N(=O)=O → [N+](=O)[O-], N=N#N → N=[N+]=[N-], C=P(=O) → C=[P+][O-],
    /// and halogen oxides X(=O)n → [X+n]([O-])n.
    /// </summary>
    /// <param name="atoms">The atoms to look at, or null for all.</param>
    private static void CleanUp(Molecule mol, List<int>? atoms)
    {
        int count = atoms?.Count ?? mol.AtomCount;
        for (int k = 0; k < count; k++)
        {
            int a = atoms?[k] ?? k;
            var atom = mol.Atoms[a];
            if (atom.Charge != 0) continue;
            switch (atom.Element)
            {
                case 7:
                {
                    bool aromatic = atom.Aromatic;
                    atom.Aromatic = false;
                    int ev = Valence.Explicit(mol, a, check: false);
                    atom.Aromatic = aromatic;
                    if (ev != 5) break;
                    foreach (var b in mol.BondsOf(a))
                    {
                        var bond = mol.Bonds[b];
                        var other = mol.Atoms[bond.Other(a)];
                        if (other.Charge != 0) continue;
                        if (other.Element == 8 && bond.Type == BondType.Double)
                        {
                            bond.Type = BondType.Single;
                            atom.Charge = 1;
                            other.Charge = -1;
                            break;
                        }
                        if (other.Element == 7 && bond.Type == BondType.Triple)
                        {
                            bond.Type = BondType.Double;
                            atom.Charge = 1;
                            other.Charge = -1;
                            break;
                        }
                    }
                    break;
                }
                case 15:
                {
                    if (Valence.Explicit(mol, a, check: false) != 5 || mol.Degree(a) != 3) break;
                    Bond? toOxygen = null;
                    Atom? oxygen = null;
                    bool doubleToCarbonOrNitrogen = false;
                    foreach (var b in mol.BondsOf(a))
                    {
                        var bond = mol.Bonds[b];
                        int o = bond.Other(a);
                        var other = mol.Atoms[o];
                        if (bond.Type != BondType.Double) continue;
                        if (other.Element == 8 && other.Charge == 0) { toOxygen = bond; oxygen = other; }
                        else if (other.Element is 6 or 7 && mol.Degree(o) >= 2) doubleToCarbonOrNitrogen = true;
                    }
                    if (doubleToCarbonOrNitrogen && toOxygen is not null)
                    {
                        oxygen!.Charge = -1;
                        toOxygen.Type = BondType.Single;
                        atom.Charge = 1;
                    }
                    break;
                }
                case 17 or 35 or 53:
                {
                    int ev = Valence.Explicit(mol, a, check: false);
                    if (ev is not (3 or 5 or 7)) break;
                    bool allOxygen = true;
                    foreach (var b in mol.BondsOf(a))
                        if (mol.Atoms[mol.Bonds[b].Other(a)].Element != 8) { allOxygen = false; break; }
                    if (!allOxygen) break;
                    int charge = 0;
                    foreach (var b in mol.BondsOf(a))
                    {
                        var bond = mol.Bonds[b];
                        if (bond.Type != BondType.Double) continue;
                        bond.Type = BondType.Single;
                        mol.Atoms[bond.Other(a)].Charge = -1;
                        charge++;
                    }
                    atom.Charge = charge;
                    break;
                }
            }
        }
    }

    /// <summary>Radical electrons of bracket atoms whose written bonds and hydrogens leave valence unfilled ([CH3], [O]).</summary>
    private static void AssignRadicals(Molecule mol)
    {
        for (int a = 0; a < mol.AtomCount; a++)
        {
            var atom = mol.Atoms[a];
            if (!atom.NoImplicit || atom.RadicalElectrons != 0 || atom.Element == 0) continue;
            var valences = Elements.Valences(atom.Element);
            int chg = atom.Charge;
            int outer = Elements.OuterShellElectrons(atom.Element);
            if (valences.Count == 1 && valences[0] == -1)
            {
                atom.RadicalElectrons = Math.Max(0, outer - chg) % 2;
                continue;
            }
            int total = (int)(mol.BondOrderSum(a) + atom.ExplicitHydrogens + 0.1);
            int baseCount = atom.Element is 1 or 2 ? 2 : 8;
            int radicals = baseCount - outer - total + chg;
            if (radicals < 0)
            {
                radicals = 0;
                if (valences.Count > 1)
                    foreach (var v in valences)
                        if (v - total + chg >= 0) { radicals = v - total + chg; break; }
            }
            int radicals2 = outer - total - chg;
            if (radicals2 >= 0) radicals = Math.Min(radicals, radicals2);
            atom.RadicalElectrons = radicals;
        }
    }
}
