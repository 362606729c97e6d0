namespace BioTransformer.Molecules.Chemistry;

/// <summary>
/// Aromaticity perception with RDKit's default model, so aromatic atoms (and so canonical SMILES,
/// aromatic ring counts and atom types of descriptors) agree with it: each ring atom donates 0, 1 or 2
/// π electrons by its valence state; a ring, or a fused combination of up to six rings, with 4n+2
/// electrons is aromatic. Exocyclic double bonds to more electronegative atoms take the electron
/// (the carbonyl carbon of 2-pyridone donates none). In fused combinations, rings must share single
/// bonds and atoms buried in three rings do not count (acepentalene). Works on the Kekulé form from
/// <see cref="Sanitizer"/>.
/// </summary>
public static class Aromaticity
{
    private const int MaxFusedRingSize = 24;
    private const int MaxFusedRings = 6;

    private enum Donor { None, Vacant, One, Two, Any }

    public static void Perceive(Molecule mol)
    {
        if (mol.AromaticityPerceived) return;
        foreach (var atom in mol.Atoms) atom.Aromatic = false;
        // Bonds this perception made aromatic are reset; a ':' written outside any ring ('CC(:O)C') was never
        // kekulized and stays an aromatic-order bond, as RDKit keeps it.
        foreach (var bond in mol.Bonds)
        {
            if (bond.Aromatic && bond.Type == BondType.Aromatic) bond.Type = BondType.Single;
            bond.Aromatic = false;
        }

        var info = mol.Rings;
        var rings = info.AtomRings;
        var ringBonds = info.BondRings;
        int n = mol.AtomCount;
        var donor = new Donor[n];
        var seen = new bool[n];
        var candidate = new bool[n];
        var candidateRings = new List<int>();
        for (int r = 0; r < rings.Count; r++)
        {
            bool all = true, allDummy = true;
            foreach (var a in rings[r])
            {
                if (mol.Atoms[a].Element != 0) allDummy = false;
                if (!seen[a])
                {
                    seen[a] = true;
                    donor[a] = DonorType(mol, a);
                    candidate[a] = IsCandidate(mol, a, donor[a]);
                }
                if (!candidate[a]) all = false;
            }
            if (all && !allDummy) candidateRings.Add(r);
        }

        // Fused systems: candidate rings sharing exactly one bond (rings over 24 atoms are not fused with others).
        int count = candidateRings.Count;
        var neighbors = new List<int>[count];
        for (int i = 0; i < count; i++) neighbors[i] = [];
        for (int i = 0; i < count; i++)
        {
            if (ringBonds[candidateRings[i]].Length > MaxFusedRingSize) continue;
            for (int j = i + 1; j < count; j++)
            {
                if (ringBonds[candidateRings[j]].Length > MaxFusedRingSize) continue;
                if (ringBonds[candidateRings[i]].Intersect(ringBonds[candidateRings[j]]).Count() == 1)
                {
                    neighbors[i].Add(j);
                    neighbors[j].Add(i);
                }
            }
        }
        var done = new bool[count];
        for (int start = 0; start < count; start++)
        {
            if (done[start]) continue;
            var fused = new List<int>();
            var stack = new Stack<int>();
            stack.Push(start);
            done[start] = true;
            while (stack.Count > 0)
            {
                int v = stack.Pop();
                fused.Add(v);
                foreach (var w in neighbors[v])
                    if (!done[w]) { done[w] = true; stack.Push(w); }
            }
            fused.Sort();
            HuckelOnFusedSystem(mol, fused, candidateRings, rings, ringBonds, neighbors, donor);
        }
        mol.AromaticityPerceived = true;
    }

    private static void HuckelOnFusedSystem(Molecule mol, List<int> fused, List<int> candidateRings, IReadOnlyList<int[]> rings,
        IReadOnlyList<int[]> ringBonds, List<int>[] neighbors, Donor[] donor)
    {
        int nrings = fused.Count;
        int systemBonds = fused.SelectMany(f => ringBonds[candidateRings[f]]).Distinct().Count();
        var doneBonds = new HashSet<int>();
        int size = 0;
        int[] comb = [];
        bool fresh = true;
        while (true)
        {
            if (fresh)
            {
                size++;
                if (size > Math.Min(nrings, MaxFusedRings) || doneBonds.Count >= systemBonds) break;
                comb = Enumerable.Range(0, size).ToArray();
                fresh = false;
            }
            else if (!NextCombination(comb, nrings))
            {
                fresh = true;
                continue;
            }

            var chosen = comb.Select(i => fused[i]).ToList();
            if (!Connected(chosen, neighbors)) continue;
            var membership = new Dictionary<int, int>();
            foreach (var c in chosen)
                foreach (var a in rings[candidateRings[c]])
                    membership[a] = membership.GetValueOrDefault(a) + 1;
            // atoms in three or more of the chosen rings are buried and contribute no electrons
            if (!Huckel(membership.Where(kv => kv.Value <= 2).Select(kv => kv.Key), donor)) continue;

            foreach (var a in membership.Keys) mol.Atoms[a].Aromatic = true;
            // Only bonds on the outside of the combination become aromatic; fusion bonds need a ring of their own.
            var counts = new Dictionary<int, int>();
            foreach (var c in chosen)
                foreach (var b in ringBonds[candidateRings[c]])
                    counts[b] = counts.GetValueOrDefault(b) + 1;
            foreach (var (b, k) in counts)
            {
                if (k != 1) continue;
                var bond = mol.Bonds[b];
                // A triple bond in an aromatic ring (an aryne) stays triple and is written '#', as RDKit keeps it.
                if (bond.Type is BondType.Single or BondType.Double or BondType.Aromatic)
                {
                    bond.Aromatic = true;
                    bond.Type = BondType.Aromatic;
                }
                doneBonds.Add(b);
            }
        }
    }

    /// <summary>Advances a k-combination of 0..n-1 in lexicographic order; false when exhausted.</summary>
    private static bool NextCombination(int[] comb, int n)
    {
        int k = comb.Length;
        int i = k - 1;
        while (i >= 0 && comb[i] == n - k + i) i--;
        if (i < 0) return false;
        comb[i]++;
        for (int j = i + 1; j < k; j++) comb[j] = comb[j - 1] + 1;
        return true;
    }

    private static bool Connected(List<int> chosen, List<int>[] neighbors)
    {
        if (chosen.Count == 1) return true;
        var set = new HashSet<int>(chosen);
        var reached = new HashSet<int> { chosen[0] };
        var stack = new Stack<int>();
        stack.Push(chosen[0]);
        while (stack.Count > 0)
        {
            int v = stack.Pop();
            foreach (var w in neighbors[v])
                if (set.Contains(w) && reached.Add(w)) stack.Push(w);
        }
        return reached.Count == chosen.Count;
    }

    /// <summary>
    /// Hückel's rule over the electron ranges of the atoms: some count in range is 4n+2 (n ≥ 1), or
    /// exactly 2; at most one wildcard atom per system.
    /// </summary>
    private static bool Huckel(IEnumerable<int> atoms, Donor[] donor)
    {
        int low = 0, high = 0, wildcards = 0;
        foreach (var a in atoms)
        {
            if (donor[a] == Donor.Any && ++wildcards > 1) return false;
            var (lo, hi) = donor[a] switch
            {
                Donor.Any => (1, 2),
                Donor.One => (1, 1),
                Donor.Two => (2, 2),
                _ => (0, 0),
            };
            low += lo;
            high += hi;
        }
        if (high >= 6)
        {
            for (int e = low; e <= high; e++)
                if ((e - 2) % 4 == 0) return true;
            return false;
        }
        return high == 2;
    }

    private static bool IsCandidate(Molecule mol, int a, Donor donor)
    {
        var atom = mol.Atoms[a];
        int z = atom.Element;
        if (z > 18 && z != 34 && z != 52) return false;
        if (donor == Donor.None) return false;
        int explicitValence = Valence.Explicit(mol, a, check: false);
        int defaultValence = Elements.DefaultValence(z);
        int shifted = Math.Clamp(z - atom.Charge, 0, Elements.MaxAtomicNumber);
        if (defaultValence > 0 && explicitValence + atom.ImplicitHydrogens > Elements.DefaultValence(shifted)) return false;
        if (atom.RadicalElectrons != 0 && (z != 6 || atom.Charge != 0)) return false;
        if (explicitValence - mol.Degree(a) > 1)
        {
            int multiple = 0;
            foreach (var b in mol.BondsOf(a))
                if (mol.Bonds[b].Type is BondType.Double or BondType.Triple) multiple++;
            if (multiple > 1) return false;
        }
        return true;
    }

    private static Donor DonorType(Molecule mol, int a)
    {
        var atom = mol.Atoms[a];
        if (atom.Element == 0) return Donor.Any;
        int electrons = CountElectrons(mol, a);
        if (electrons < 0) return Donor.None;
        int exocyclic = ExocyclicMultipleBondPartner(mol, a);
        if (electrons == 0)
        {
            if (exocyclic >= 0) return Donor.Vacant;
            return HasCyclicMultipleBond(mol, a) ? Donor.One : Donor.None;
        }
        if (electrons == 1)
        {
            if (exocyclic >= 0)
                return Elements.MoreElectronegative(mol.Atoms[exocyclic].Element, atom.Element) ? Donor.Vacant : Donor.One;
            if (Valence.Explicit(mol, a, check: false) != mol.Degree(a) + atom.ExplicitHydrogens) return Donor.One;
            return atom.Charge == 1 ? Donor.Vacant : Donor.None;
        }
        if (exocyclic >= 0 && Elements.MoreElectronegative(mol.Atoms[exocyclic].Element, atom.Element)) electrons--;
        return electrons % 2 == 1 ? Donor.One : Donor.Two;
    }

    /// <summary>π electrons an atom can offer: unfilled valence plus lone pairs (adjusted by charge), or -1 when it cannot take part.</summary>
    private static int CountElectrons(Molecule mol, int a)
    {
        var atom = mol.Atoms[a];
        int dv = Elements.DefaultValence(atom.Element);
        if (dv <= 1) return -1;
        int degree = mol.Degree(a) + atom.TotalHydrogens;
        if (degree > 3) return -1;
        int lonePairElectrons = Math.Max(Elements.OuterShellElectrons(atom.Element) - dv - atom.Charge, 0);
        int result = dv - degree + lonePairElectrons - atom.RadicalElectrons;
        if (result > 1 && Valence.Explicit(mol, a, check: false) - mol.Degree(a) > 1) result = 1;
        return result;
    }

    private static int ExocyclicMultipleBondPartner(Molecule mol, int a)
    {
        var info = mol.Rings;
        foreach (var b in mol.BondsOf(a))
        {
            var bond = mol.Bonds[b];
            if (!info.IsRingBond(b) && bond.Type.Valence() >= 2) return bond.Other(a);
        }
        return -1;
    }

    private static bool HasCyclicMultipleBond(Molecule mol, int a)
    {
        var info = mol.Rings;
        foreach (var b in mol.BondsOf(a))
            if (info.IsRingBond(b) && mol.Bonds[b].Type.Valence() >= 2) return true;
        return false;
    }
}
