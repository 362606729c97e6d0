namespace BioTransformer.Molecules.Chemistry;

/// <summary>
/// Canonical atom ranks and the canonical SMILES they give. Atoms are first partitioned by invariants
/// (degree, element, isotope, charge, hydrogens, degree, aromaticity, ring membership, radicals, atom class)
/// refined by their neighbours' classes until stable (Weininger's CANON, with bond orders), then by
/// the configurations of stereo centres and double bonds whose neighbours are already
/// distinguished; remaining ties are broken one atom at a time with refinement in between. Where a
/// tie touches a stereo element that is not yet resolved, every choice is tried and the smallest
/// SMILES kept, so the result does not depend on how the input was written.
/// Stereo that is not real (two identical substituents, double bonds in small rings) is dropped.
/// </summary>
internal static class Canonicalizer
{
    private const int MaxBranches = 64;

    private sealed record StereoCenter(int Atom, List<int> Neighbors, Chirality Tag);

    /// <summary>Canonical SMILES of a sanitized molecule with hydrogens folded and aromaticity perceived.</summary>
    public static string CanonicalSmiles(Molecule mol)
    {
        int n = mol.AtomCount;
        if (n == 0) return "";
        var classes = InitialClasses(mol);
        var writeChirality = new bool[n];
        var writeBond = new bool[mol.DoubleBondStereo.Count];
        var centers = new List<StereoCenter>();
        for (int a = 0; a < n; a++)
            if (mol.Atoms[a] is { Chirality: Chirality.Clockwise or Chirality.CounterClockwise, StereoNeighbors: { Count: 4 } order } atom
                && CanBeStereoCenter(mol, a))
                centers.Add(new StereoCenter(a, order, atom.Chirality));

        // Symmetry classes with stereo folded in decide which stereo elements are real.
        var symmetry = Refine(mol, classes, centers, Enumerable.Range(0, writeBond.Length).ToList());
        var realCenters = centers.Where(c => IsRealCenter(mol, c, symmetry, centers)).ToList();
        foreach (var c in realCenters) writeChirality[c.Atom] = true;
        var realBonds = new List<int>();
        for (int i = 0; i < writeBond.Length; i++)
            if (IsRealDoubleBond(mol, i, symmetry))
            {
                writeBond[i] = true;
                realBonds.Add(i);
            }

        var ranks = Refine(mol, classes, realCenters, realBonds);
        string? best = null;
        int branches = 0;
        Explore(ranks, []);
        return best!;

        // splitOff: the atom the last tie break set apart from its class (the ranks were stable before it).
        void Explore(int[] current, IReadOnlyCollection<int> splitOff)
        {
            current = Refine(mol, current, realCenters, realBonds, splitOff);
            int tiedRank = SmallestTie(current);
            if (tiedRank < 0)
            {
                var smiles = SmilesWriter.Write(mol, current, writeChirality, (bool[])writeBond.Clone());
                if (best is null || string.CompareOrdinal(smiles, best) < 0) best = smiles;
                return;
            }
            var members = Enumerable.Range(0, n).Where(a => current[a] == tiedRank).ToList();
            bool branch = branches < MaxBranches && Unresolved(mol, current, realCenters, realBonds);
            foreach (var chosen in branch ? members : members.Take(1))
            {
                if (branch) branches++;
                // The chosen atom keeps the class's rank; its partners move just above it (ranks count the
                // atoms below, so the next class starts at least two higher and nothing collides).
                var next = (int[])current.Clone();
                foreach (var a in members)
                    if (a != chosen) next[a] = tiedRank + 1;
                Explore(next, [chosen]);
            }
        }
    }

    /// <summary>Ranks from the atom invariants: the number of atoms with a smaller invariant tuple.</summary>
    private static int[] InitialClasses(Molecule mol)
    {
        int n = mol.AtomCount;
        var info = mol.Rings;
        var keys = new long[n][];
        for (int a = 0; a < n; a++)
        {
            var atom = mol.Atoms[a];
            // Degree first, so traversals start at terminal atoms and write few branches.
            keys[a] =
            [
                mol.Degree(a), atom.Element, atom.Isotope, atom.Charge, atom.TotalHydrogens, atom.Aromatic ? 1 : 0,
                info.IsRingAtom(a) ? 1 : 0, atom.RadicalElectrons, atom.AtomClass,
            ];
        }
        return RanksOf(keys);
    }

    /// <summary>
    /// Refines ranks by neighbour ranks and bond orders, and by resolvable stereo, until stable: in each
    /// pass an atom's key is (stereo code, its neighbours' ranks with bond orders), and every class splits by
    /// key, its parts keeping the class's place (an atom's rank is the number of atoms ranked below it).
    /// </summary>
    /// <remarks>
    /// Incremental, with exactly the result of re-keying every atom every pass (checked on 200,000 molecules).
    /// Keys are compared only within a class, and only the order of ranks matters, so a class can only split
    /// after one of its atoms' neighbour classes split (or a stereo code changed). When a class splits, the
    /// neighbours of every part but the largest are marked (Hopcroft's "smaller half"): an atom whose
    /// neighbours in it all went to the largest part still has its classmates' key. Each pass keys the marked
    /// atoms and one representative of the unmarked rest of their classes. A chain of n atoms needs about
    /// n/2 passes; re-keying all n atoms in each made canonical SMILES quadratic (49 s for a 10,000-atom
    /// chain).
    /// </remarks>
    /// <param name="changed">Null: <paramref name="start"/> is any partition (every atom is keyed in the first pass).
    /// Otherwise <paramref name="start"/> was stable before these atoms were set apart from their classes
    /// (the smaller parts of the splits), so only their neighbours need new keys.</param>
    private static int[] Refine(Molecule mol, int[] start, List<StereoCenter> centers, List<int> stereoBonds, IReadOnlyCollection<int>? changed = null)
    {
        int n = mol.AtomCount;
        var ranks = (int[])start.Clone();
        var members = new Dictionary<int, List<int>>();
        for (int a = 0; a < n; a++)
        {
            if (!members.TryGetValue(ranks[a], out var list)) members[ranks[a]] = list = [];
            list.Add(a);
        }
        bool hasStereo = centers.Count > 0 || stereoBonds.Count > 0;
        var stereo = hasStereo ? StereoCodes(mol, ranks, centers, stereoBonds) : new int[n];
        var touched = new bool[n];
        var touchedList = new List<int>();
        void Touch(int a)
        {
            if (touched[a]) return;
            touched[a] = true;
            touchedList.Add(a);
        }
        bool everything = changed is null;   // the first pass over an arbitrary partition keys every atom
        if (changed is not null)
        {
            foreach (var a in changed) ForNeighbors(mol, a, Touch);
            // The stereo codes before the move are not known here: re-key every stereo atom once.
            foreach (var c in centers) Touch(c.Atom);
            foreach (var i in stereoBonds)
            {
                var bond = mol.Bonds[mol.DoubleBondStereo[i].Bond];
                Touch(bond.Begin);
                Touch(bond.End);
            }
        }
        while (true)
        {
            var classesToSplit = everything ? [.. members.Keys] : touchedList.Select(a => ranks[a]).Distinct().ToList();
            var moves = new List<(int Atom, int Rank)>();
            var newClasses = new List<(int Rank, List<int> Atoms)>();
            var splitOff = new List<int>();
            foreach (var rank in classesToSplit)
            {
                var cls = members[rank];
                if (cls.Count < 2) continue;
                // Items to order: each touched atom alone, the untouched rest as one item (they share a key).
                var items = new List<(long[] Key, int Atom, int Count)>();
                int untouchedCount = 0, untouchedAtom = -1;
                foreach (var a in cls)
                {
                    if (everything || touched[a]) items.Add((Key(mol, a, ranks, stereo), a, 1));
                    else
                    {
                        untouchedCount++;
                        untouchedAtom = a;
                    }
                }
                if (untouchedCount > 0) items.Add((Key(mol, untouchedAtom, ranks, stereo), -1, untouchedCount));
                if (items.Count < 2) continue;
                items.Sort((x, y) => Compare(x.Key, y.Key));
                var groups = new Dictionary<int, List<int>>();
                int below = 0, groupRank = rank;
                for (int i = 0; i < items.Count; i++)
                {
                    if (i > 0 && Compare(items[i].Key, items[i - 1].Key) != 0) groupRank = rank + below;
                    below += items[i].Count;
                    if (!groups.TryGetValue(groupRank, out var group)) groups[groupRank] = group = [];
                    if (items[i].Atom >= 0) group.Add(items[i].Atom);
                    else foreach (var a in cls)
                        if (!touched[a]) group.Add(a);
                }
                if (groups.Count < 2) continue;
                var largest = groups.MaxBy(g => g.Value.Count).Key;
                foreach (var (groupRankValue, atoms) in groups)
                {
                    newClasses.Add((groupRankValue, atoms));
                    if (groupRankValue != rank) foreach (var a in atoms) moves.Add((a, groupRankValue));
                    if (groupRankValue != largest) splitOff.AddRange(atoms);
                }
            }
            if (moves.Count == 0) return ranks;
            // Synchronous: every key of this pass was made from the ranks at its start.
            foreach (var (atom, rank) in moves) ranks[atom] = rank;
            foreach (var (rank, atoms) in newClasses) members[rank] = atoms;
            foreach (var a in touchedList) touched[a] = false;
            touchedList.Clear();
            everything = false;
            foreach (var atom in splitOff) ForNeighbors(mol, atom, Touch);
            if (hasStereo)
            {
                var nextStereo = StereoCodes(mol, ranks, centers, stereoBonds);
                for (int a = 0; a < n; a++)
                    if (nextStereo[a] != stereo[a]) Touch(a);
                stereo = nextStereo;
            }
        }
    }

    private static void ForNeighbors(Molecule mol, int atom, Action<int> visit)
    {
        foreach (var b in mol.BondsOf(atom)) visit(mol.Bonds[b].Other(atom));
    }

    /// <summary>An atom's refinement key within its class: stereo code, then the sorted (neighbour rank, bond order) pairs.</summary>
    private static long[] Key(Molecule mol, int a, int[] ranks, int[] stereo)
    {
        var bonds = mol.BondsOf(a);
        var key = new long[1 + bonds.Count];
        for (int k = 0; k < bonds.Count; k++)
        {
            var bond = mol.Bonds[bonds[k]];
            key[1 + k] = (long)ranks[bond.Other(a)] * 16 + BondCode(bond);
        }
        Array.Sort(key, 1, bonds.Count);
        key[0] = stereo[a];
        return key;
    }

    private static int BondCode(Bond bond) => bond.Aromatic ? 5 : (int)bond.Type;

    /// <summary>
    /// Per atom: 0, or 1/2 for the configuration of a stereo centre whose neighbours have distinct
    /// ranks, plus 4/8 for a double bond whose substituents on each end are distinguished (cis/trans
    /// of the highest-ranked ones).
    /// </summary>
    private static int[] StereoCodes(Molecule mol, int[] ranks, List<StereoCenter> centers, List<int> stereoBonds)
    {
        var codes = new int[mol.AtomCount];
        foreach (var c in centers)
            if (CenterCode(c, ranks) is int code and > 0) codes[c.Atom] = code;
        foreach (var i in stereoBonds)
        {
            int code = DoubleBondCode(mol, i, ranks);
            if (code == 0) continue;
            var bond = mol.Bonds[mol.DoubleBondStereo[i].Bond];
            codes[bond.Begin] += code * 4;
            codes[bond.End] += code * 4;
        }
        return codes;
    }

    /// <summary>1 (anticlockwise) or 2 (clockwise) with neighbours taken in rank order; 0 if two ranks tie.</summary>
    private static int CenterCode(StereoCenter c, int[] ranks)
    {
        var neighborRanks = c.Neighbors.Select(x => x < 0 ? -1 : ranks[x]).ToList();
        if (neighborRanks.Distinct().Count() != neighborRanks.Count) return 0;
        var sorted = c.Neighbors.OrderBy(x => x < 0 ? -1 : ranks[x]).ToList();
        bool odd = SmilesWriter.PermutationIsOdd(c.Neighbors, sorted);
        bool ccw = (c.Tag == Chirality.CounterClockwise) ^ odd;
        return ccw ? 1 : 2;
    }

    /// <summary>1 if the highest-ranked substituents are cis, 2 if trans, 0 if an end's substituents tie.</summary>
    private static int DoubleBondCode(Molecule mol, int index, int[] ranks)
    {
        var s = mol.DoubleBondStereo[index];
        var bond = mol.Bonds[s.Bond];
        int hiA = HighestSubstituent(mol, bond.Begin, bond.End, ranks);
        int hiB = HighestSubstituent(mol, bond.End, bond.Begin, ranks);
        if (hiA < 0 || hiB < 0) return 0;
        bool cis = s.Cis ^ (hiA != s.BeginNeighbor) ^ (hiB != s.EndNeighbor);
        return cis ? 1 : 2;
    }

    /// <summary>The higher-ranked neighbour of <paramref name="atom"/> other than <paramref name="across"/>; -1 on a tie.</summary>
    private static int HighestSubstituent(Molecule mol, int atom, int across, int[] ranks)
    {
        int best = -1;
        bool tie = false;
        foreach (var b in mol.BondsOf(atom))
        {
            int o = mol.Bonds[b].Other(atom);
            if (o == across) continue;
            if (best < 0 || ranks[o] > ranks[best]) { best = o; tie = false; }
            else if (ranks[o] == ranks[best]) tie = true;
        }
        return tie ? -1 : best;
    }

    private static bool Unresolved(Molecule mol, int[] ranks, List<StereoCenter> centers, List<int> stereoBonds) =>
        centers.Any(c => CenterCode(c, ranks) == 0) || stereoBonds.Any(i => DoubleBondCode(mol, i, ranks) == 0);

    private static int SmallestTie(int[] ranks)
    {
        var counts = new Dictionary<int, int>();
        foreach (var r in ranks) counts[r] = counts.GetValueOrDefault(r) + 1;
        int best = -1;
        foreach (var (r, c) in counts)
            if (c > 1 && (best < 0 || r < best)) best = r;
        return best;
    }

    /// <summary>Rank of each key: the number of keys lexicographically smaller.</summary>
    private static int[] RanksOf(long[][] keys)
    {
        int n = keys.Length;
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (x, y) => Compare(keys[x], keys[y]));
        var ranks = new int[n];
        for (int i = 0; i < n; i++)
            ranks[order[i]] = i > 0 && Compare(keys[order[i]], keys[order[i - 1]]) == 0 ? ranks[order[i - 1]] : i;
        return ranks;
    }

    private static int Compare(long[] a, long[] b)
    {
        int len = Math.Min(a.Length, b.Length);
        for (int i = 0; i < len; i++)
            if (a[i] != b[i]) return a[i].CompareTo(b[i]);
        return a.Length.CompareTo(b.Length);
    }

    /// <summary>Tetrahedral stereo is kept on sp3-like centres: no multiple bonds on carbon, no inverting amine nitrogen.</summary>
    private static bool CanBeStereoCenter(Molecule mol, int a)
    {
        var atom = mol.Atoms[a];
        int heavy = mol.Degree(a);
        if (heavy + atom.TotalHydrogens > 4 || heavy + atom.TotalHydrogens < 3) return false;
        foreach (var b in mol.BondsOf(a))
        {
            var bond = mol.Bonds[b];
            if (bond.Aromatic || bond.Type == BondType.Aromatic) return false;
            if (bond.Type != BondType.Single && atom.Element is 6 or 7) return false;
        }
        if (heavy + atom.TotalHydrogens == 3)
        {
            // three-coordinate centres with a lone pair: S, Se, P, As are configurationally stable; N only in 3-rings
            if (atom.Element == 7 && atom.Charge == 0) return mol.Rings.SmallestRingOfAtom(a) == 3;
            return atom.Element is 15 or 16 or 33 or 34;
        }
        return true;
    }

    private static bool IsRealCenter(Molecule mol, StereoCenter c, int[] symmetry, List<StereoCenter> centers)
    {
        var classes = c.Neighbors.Select(x => x < 0 ? -1 : symmetry[x]).ToList();
        int distinct = classes.Distinct().Count();
        if (distinct == classes.Count) return true;
        if (distinct != classes.Count - 1) return false;
        // ring stereo (cis/trans on a ring): the two equivalent neighbours lie in a ring that holds another centre
        var info = mol.Rings;
        var tied = c.Neighbors.Where(x => x >= 0 && classes.Count(k => k == symmetry[x]) == 2).ToList();
        if (tied.Count != 2) return false;
        foreach (var ring in info.AtomRings)
        {
            if (Array.IndexOf(ring, c.Atom) < 0 || Array.IndexOf(ring, tied[0]) < 0 || Array.IndexOf(ring, tied[1]) < 0) continue;
            if (centers.Any(o => o.Atom != c.Atom && Array.IndexOf(ring, o.Atom) >= 0)) return true;
        }
        return false;
    }

    private static bool IsRealDoubleBond(Molecule mol, int index, int[] symmetry)
    {
        var s = mol.DoubleBondStereo[index];
        var bond = mol.Bonds[s.Bond];
        if (bond.Type != BondType.Double || bond.Aromatic) return false;
        int ring = mol.Rings.SmallestRingOfBond(s.Bond);
        if (ring is > 0 and < 8) return false;
        return DistinctSubstituents(mol, bond.Begin, bond.End, symmetry) && DistinctSubstituents(mol, bond.End, bond.Begin, symmetry);
    }

    private static bool DistinctSubstituents(Molecule mol, int atom, int across, int[] symmetry)
    {
        var others = mol.BondsOf(atom).Select(b => mol.Bonds[b].Other(atom)).Where(o => o != across).ToList();
        if (others.Count == 0) return false;
        // The configuration can only be written through a bond that may carry '/' or '\'.
        if (!mol.BondsOf(atom).Any(b => mol.Bonds[b].Other(atom) != across && SmilesWriter.CanCarryDirection(mol.Bonds[b]))) return false;
        if (others.Count == 1) return true;
        return others.Count == 2 && symmetry[others[0]] != symmetry[others[1]];
    }
}
