namespace BioTransformer.Molecules.Chemistry;

/// <summary>
/// Turns aromatic bonds into alternating single and double bonds. Within each connected aromatic
/// system, an atom needs a double bond when its valence has exactly one bond order to spare (pyridine
/// n, benzene c) and not when it is saturated by its lone pair or hydrogen (pyrrole [nH], furan o);
/// a perfect matching of the atoms that need one over the aromatic bonds is the Kekulé structure.
/// Wildcard atoms may take a double bond or not.
/// </summary>
public static class Kekulizer
{
    public static void Kekulize(Molecule mol, string smiles)
    {
        int n = mol.AtomCount;
        int[]? system = null;
        List<int>? members = null;
        Stack<int>? stack = null;
        int systems = 0;
        for (int start = 0; start < n; start++)
        {
            if ((system is not null && system[start] >= 0) || !HasAromaticBond(mol, start)) continue;
            if (system is null)
            {
                // Allocated on the first aromatic bond only: most work here is per SMILES read.
                system = new int[n];
                Array.Fill(system, -1);
                members = new List<int>(n);
                stack = new Stack<int>();
            }
            members!.Clear();
            stack!.Push(start);
            system[start] = systems;
            while (stack.Count > 0)
            {
                int v = stack.Pop();
                members.Add(v);
                foreach (var b in mol.BondsOf(v))
                {
                    if (!IsAromaticBond(mol.Bonds[b])) continue;
                    int w = mol.Bonds[b].Other(v);
                    if (system[w] >= 0) continue;
                    system[w] = systems;
                    stack.Push(w);
                }
            }
            systems++;
            KekulizeSystem(mol, members, smiles);
        }
        foreach (var atom in mol.Atoms) atom.Aromatic = false;
        foreach (var bond in mol.Bonds) bond.Aromatic = false;
    }

    private static bool IsAromaticBond(Bond bond) => bond.Type == BondType.Aromatic || bond.Aromatic;

    private static bool HasAromaticBond(Molecule mol, int atom)
    {
        foreach (var b in mol.BondsOf(atom))
            if (IsAromaticBond(mol.Bonds[b])) return true;
        return false;
    }

    private static void KekulizeSystem(Molecule mol, List<int> members, string smiles)
    {
        // As in RDKit, a chain of aromatic bonds between atoms not written aromatic ('C:C') is left alone.
        bool any = false;
        foreach (var a in members) any |= mol.Atoms[a].Aromatic || mol.Atoms[a].Element == 0;
        if (!any) return;

        var required = new List<int>(members.Count);
        List<int> optional = [];
        foreach (var a in members)
        {
            var atom = mol.Atoms[a];
            if (atom.Element == 0) { optional.Add(a); continue; }
            if (!atom.Aromatic) continue;
            if (NeedsDoubleBond(mol, a)) required.Add(a);
        }

        var aromaticBonds = new List<int>(members.Count + 2);
        foreach (var a in members)
            foreach (var b in mol.BondsOf(a))
                if (IsAromaticBond(mol.Bonds[b]) && mol.Bonds[b].Begin == a) aromaticBonds.Add(b);
        foreach (var b in aromaticBonds) mol.Bonds[b].Type = BondType.Single;

        // Try the wildcards as "needs a double bond" in every combination (there are rarely more than two).
        if (optional.Count == 0 && TryMatch(mol, required, aromaticBonds)) return;
        int combinations = optional.Count is > 0 and <= 10 ? 1 << optional.Count : optional.Count == 0 ? 0 : 1;
        for (int mask = 0; mask < combinations; mask++)
        {
            var candidates = new List<int>(required);
            for (int i = 0; i < optional.Count; i++)
                if ((mask >> i & 1) != 0) candidates.Add(optional[i]);
            if (TryMatch(mol, candidates, aromaticBonds)) return;
        }

        var first = required.OrderBy(a => mol.Atoms[a].Position).FirstOrDefault(members[0]);
        throw new SmilesException(smiles, mol.Atoms[first].Position, SmilesErrorKind.Kekulization,
            "aromatic ring cannot be kekulized (its atoms cannot all get alternating double bonds; a ring N-H is written [nH])");
    }

    private static bool TryMatch(Molecule mol, List<int> candidates, List<int> aromaticBonds)
    {
        if (candidates.Count % 2 != 0) return false;
        int k = candidates.Count;
        var local = new Dictionary<int, int>(k);
        for (int i = 0; i < k; i++) local[candidates[i]] = i;
        var adjacency = new List<int>[k];
        for (int i = 0; i < k; i++) adjacency[i] = new List<int>(3);
        foreach (var b in aromaticBonds)
        {
            var bond = mol.Bonds[b];
            if (local.TryGetValue(bond.Begin, out int u) && local.TryGetValue(bond.End, out int v))
            {
                adjacency[u].Add(v);
                adjacency[v].Add(u);
            }
        }
        // Most ring systems are matched perfectly by the greedy rule "least-connected atom first"; any perfect
        // matching is a Kekulé structure, so the general (blossom) algorithm is only needed when that fails.
        var mate = GreedyMatching(adjacency) ?? Matching.Maximum(adjacency);
        foreach (var m in mate)
            if (m < 0) return false;
        for (int i = 0; i < mate.Length; i++)
            if (mate[i] > i) mol.BondBetween(candidates[i], candidates[mate[i]])!.Type = BondType.Double;
        return true;
    }

    /// <summary>A perfect matching found by repeatedly pairing the unmatched vertex with the fewest unmatched
    /// neighbours with its own least-connected neighbour; null when it leaves a vertex unmatched.</summary>
    private static int[]? GreedyMatching(List<int>[] adjacency)
    {
        int k = adjacency.Length;
        var mate = new int[k];
        var free = new int[k];                 // unmatched neighbours of each vertex
        for (int i = 0; i < k; i++)
        {
            mate[i] = -1;
            free[i] = adjacency[i].Count;
        }
        for (int matched = 0; matched < k; matched += 2)
        {
            int v = -1;
            for (int i = 0; i < k; i++)
                if (mate[i] < 0 && (v < 0 || free[i] < free[v])) v = i;
            if (free[v] == 0) return null;
            int w = -1;
            foreach (var u in adjacency[v])
                if (mate[u] < 0 && (w < 0 || free[u] < free[w])) w = u;
            mate[v] = w;
            mate[w] = v;
            foreach (var u in adjacency[v]) free[u]--;
            foreach (var u in adjacency[w]) free[u]--;
        }
        return mate;
    }

    /// <summary>
    /// Whether an aromatic atom must take one double bond: its current bond orders (aromatic bonds as
    /// single) plus hydrogens are exactly one short of its allowed valence.
    /// </summary>
    private static bool NeedsDoubleBond(Molecule mol, int a)
    {
        var atom = mol.Atoms[a];
        int sbo = 0;
        foreach (var b in mol.BondsOf(a))
        {
            var bond = mol.Bonds[b];
            sbo += IsAromaticBond(bond) ? 1 : (int)bond.Type.Valence();
        }
        sbo += atom.TotalHydrogens;
        int dv = Elements.DefaultValence(atom.Element);
        if (dv < 0) return false;
        int chrg = Valence.ChargeShift(atom.Element, atom.Charge);
        dv += chrg;
        int explicitValence = Valence.Explicit(mol, a, check: false);
        int tbo = explicitValence + atom.ImplicitHydrogens;
        int radicals = atom.RadicalElectrons;
        int totalDegree = mol.Degree(a) + atom.ImplicitHydrogens;
        var valences = Elements.Valences(atom.Element);
        for (int vi = 1; tbo > dv && vi < valences.Count && valences[vi] > 0; vi++) dv = valences[vi] + chrg;
        if (totalDegree + radicals >= dv) return false;
        if (dv == sbo + 1 + radicals) return true;
        return radicals == 0 && atom.NoImplicit && dv == sbo + 2;
    }
}
