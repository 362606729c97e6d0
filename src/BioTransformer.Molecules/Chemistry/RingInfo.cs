namespace BioTransformer.Molecules.Chemistry;

/// <summary>
/// Rings of a molecule. Ring membership of atoms and bonds comes from bridges (a bond is in a ring iff
/// it is not a bridge), which is linear-time and all that validity needs. The ring set is computed on
/// first use: the relevant cycles (Vismara 1997) — the union of all smallest sets of smallest rings,
/// which is what RDKit's "symmetrized SSSR" approximates (cubane has 6 rings, bicyclo[2.2.2]octane 3,
/// naphthalene 2).
/// </summary>
public sealed class RingInfo
{
    /// <summary>A ring system with more candidate cycles than this is cut short (never seen in real molecules).</summary>
    private const int MaxCandidates = 20000;

    private readonly Molecule mol;
    private readonly bool[] ringBond;
    private readonly bool[] ringAtom;
    private List<int[]>? atomRings;
    private List<int[]>? bondRings;

    private RingInfo(Molecule mol, bool[] ringBond, bool[] ringAtom)
    {
        this.mol = mol;
        this.ringBond = ringBond;
        this.ringAtom = ringAtom;
    }

    public bool IsRingAtom(int atom) => ringAtom[atom];

    public bool IsRingBond(int bond) => ringBond[bond];

    /// <summary>Rings as atom indices in cyclic order, smallest first.</summary>
    public IReadOnlyList<int[]> AtomRings
    {
        get
        {
            if (atomRings is null) FindRings();
            return atomRings!;
        }
    }

    /// <summary>The same rings as bond indices (ring i's bonds, in cyclic order).</summary>
    public IReadOnlyList<int[]> BondRings
    {
        get
        {
            if (bondRings is null) FindRings();
            return bondRings!;
        }
    }

    /// <summary>Number of rings containing the atom.</summary>
    public int RingCountOfAtom(int atom) => AtomRings.Count(r => Array.IndexOf(r, atom) >= 0);

    /// <summary>Size of the smallest ring containing the atom, 0 if none.</summary>
    public int SmallestRingOfAtom(int atom)
    {
        int best = 0;
        foreach (var r in AtomRings)
            if ((best == 0 || r.Length < best) && Array.IndexOf(r, atom) >= 0) best = r.Length;
        return best;
    }

    /// <summary>Size of the smallest ring containing the bond, 0 if none.</summary>
    public int SmallestRingOfBond(int bond)
    {
        int best = 0;
        foreach (var r in BondRings)
            if ((best == 0 || r.Length < best) && Array.IndexOf(r, bond) >= 0) best = r.Length;
        return best;
    }

    public static RingInfo Compute(Molecule mol)
    {
        int n = mol.AtomCount;
        var ringBond = new bool[mol.Bonds.Count];
        var ringAtom = new bool[n];
        // Iterative Tarjan bridge finding.
        var order = new int[n];
        var low = new int[n];
        Array.Fill(order, -1);
        var stack = new Stack<(int Atom, int ParentBond, int Next)>();
        int counter = 0;
        var isBridge = new bool[mol.Bonds.Count];
        for (int root = 0; root < n; root++)
        {
            if (order[root] >= 0) continue;
            stack.Push((root, -1, 0));
            order[root] = low[root] = counter++;
            while (stack.Count > 0)
            {
                var (v, parentBond, next) = stack.Pop();
                var bonds = mol.BondsOf(v);
                if (next < bonds.Count)
                {
                    stack.Push((v, parentBond, next + 1));
                    int b = bonds[next];
                    if (b == parentBond) continue;
                    int w = mol.Bonds[b].Other(v);
                    if (order[w] < 0)
                    {
                        order[w] = low[w] = counter++;
                        stack.Push((w, b, 0));
                    }
                    else low[v] = Math.Min(low[v], order[w]);
                }
                else if (parentBond >= 0)
                {
                    int parent = mol.Bonds[parentBond].Other(v);
                    low[parent] = Math.Min(low[parent], low[v]);
                    if (low[v] > order[parent]) isBridge[parentBond] = true;
                }
            }
        }
        for (int b = 0; b < mol.Bonds.Count; b++)
        {
            if (isBridge[b]) continue;
            ringBond[b] = true;
            ringAtom[mol.Bonds[b].Begin] = true;
            ringAtom[mol.Bonds[b].End] = true;
        }
        return new RingInfo(mol, ringBond, ringAtom);
    }

    private void FindRings()
    {
        var rings = new List<int[]>();
        var ringBondsList = new List<int[]>();
        // Ring systems: connected components of ring bonds.
        var component = new int[mol.AtomCount];
        Array.Fill(component, -1);
        int components = 0;
        for (int start = 0; start < mol.AtomCount; start++)
        {
            if (!ringAtom[start] || component[start] >= 0) continue;
            var queue = new Queue<int>();
            queue.Enqueue(start);
            component[start] = components;
            while (queue.Count > 0)
            {
                int v = queue.Dequeue();
                foreach (var b in mol.BondsOf(v))
                {
                    if (!ringBond[b]) continue;
                    int w = mol.Bonds[b].Other(v);
                    if (component[w] >= 0) continue;
                    component[w] = components;
                    queue.Enqueue(w);
                }
            }
            components++;
        }
        for (int c = 0; c < components; c++) RelevantCycles(c, component, rings, ringBondsList);
        var sorted = Enumerable.Range(0, rings.Count).OrderBy(i => rings[i].Length).ThenBy(i => rings[i].Min()).ToList();
        atomRings = sorted.Select(i => rings[i]).ToList();
        bondRings = sorted.Select(i => ringBondsList[i]).ToList();
    }

    private void RelevantCycles(int comp, int[] component, List<int[]> rings, List<int[]> ringBondsList)
    {
        var atoms = Enumerable.Range(0, mol.AtomCount).Where(a => component[a] == comp).ToArray();
        var localOf = new Dictionary<int, int>();
        for (int i = 0; i < atoms.Length; i++) localOf[atoms[i]] = i;
        var edges = new List<int>();
        var edgeIndexOfBond = new Dictionary<int, int>();
        foreach (var a in atoms)
            foreach (var b in mol.BondsOf(a))
                if (ringBond[b] && !edgeIndexOfBond.ContainsKey(b))
                {
                    edgeIndexOfBond[b] = edges.Count;
                    edges.Add(b);
                }
        int nv = atoms.Length, ne = edges.Count;
        int cyclomatic = ne - nv + 1;
        if (cyclomatic == 1)
        {
            // a single ring: its atoms in cyclic order are the whole system
            var bits = new ulong[(ne + 63) / 64];
            for (int e = 0; e < ne; e++) bits[e >> 6] |= 1UL << e;
            rings.Add(CycleAtoms(bits, edges));
            ringBondsList.Add(CycleBonds(rings[^1]));
            return;
        }
        int words = (ne + 63) / 64;

        var adjacency = new List<(int To, int Edge)>[nv];
        for (int i = 0; i < nv; i++) adjacency[i] = [];
        for (int e = 0; e < ne; e++)
        {
            var bond = mol.Bonds[edges[e]];
            int u = localOf[bond.Begin], w = localOf[bond.End];
            adjacency[u].Add((w, e));
            adjacency[w].Add((u, e));
        }

        // Candidate cycles (Horton's odd family plus Vismara's even family) from BFS trees.
        var candidates = new List<ulong[]>();
        var seen = new HashSet<string>();
        var dist = new int[nv];
        var parentEdge = new int[nv];
        var parent = new int[nv];
        for (int v = 0; v < nv && candidates.Count < MaxCandidates; v++)
        {
            Array.Fill(dist, -1);
            dist[v] = 0;
            parent[v] = -1;
            parentEdge[v] = -1;
            var queue = new Queue<int>();
            queue.Enqueue(v);
            while (queue.Count > 0)
            {
                int x = queue.Dequeue();
                foreach (var (y, e) in adjacency[x])
                {
                    if (dist[y] >= 0) continue;
                    dist[y] = dist[x] + 1;
                    parent[y] = x;
                    parentEdge[y] = e;
                    queue.Enqueue(y);
                }
            }
            // Every non-tree edge (x, y) closes a candidate: P(v,x) + (x,y) + P(y,v). Edges between equal
            // distances give Horton's odd cycles; edges between consecutive distances give the even ones.
            for (int e = 0; e < ne; e++)
            {
                var bond = mol.Bonds[edges[e]];
                int x = localOf[bond.Begin], y = localOf[bond.End];
                if (parentEdge[x] == e || parentEdge[y] == e || Math.Abs(dist[x] - dist[y]) > 1) continue;
                TryAddCycle(x, y, e);
            }
        }

        void TryAddCycle(int x, int y, int e)
        {
            var px = PathEdges(x);
            var py = PathEdges(y);
            if (!Disjoint(x, y)) return;
            var bits = new ulong[words];
            foreach (var pe in px) bits[pe >> 6] ^= 1UL << pe;
            foreach (var pe in py) bits[pe >> 6] ^= 1UL << pe;
            bits[e >> 6] ^= 1UL << e;
            Add(bits);
        }

        List<int> PathEdges(int x)
        {
            var list = new List<int>();
            for (int cur = x; parent[cur] >= 0; cur = parent[cur]) list.Add(parentEdge[cur]);
            return list;
        }

        bool Disjoint(int a, int b)
        {
            // The tree paths from a and b to the root share only the root.
            var onA = new HashSet<int>();
            for (int cur = a; cur >= 0; cur = parent[cur]) onA.Add(cur);
            for (int cur = b; cur >= 0; cur = parent[cur])
                if (onA.Contains(cur) && parent[cur] >= 0) return false;
            return true;
        }

        void Add(ulong[] bits)
        {
            var key = string.Join(',', bits);
            if (seen.Add(key)) candidates.Add(bits);
        }

        int Length(ulong[] bits)
        {
            int count = 0;
            foreach (var w in bits) count += System.Numerics.BitOperations.PopCount(w);
            return count;
        }

        // Relevant cycles: a cycle is relevant iff it is not a sum of strictly shorter cycles.
        var byLength = candidates.Select(c => (Bits: c, Length: Length(c))).OrderBy(c => c.Length).ToList();
        var basis = new List<ulong[]>(); // reduced rows, each with a distinct pivot
        var pivots = new List<int>();
        int index = 0;
        while (index < byLength.Count)
        {
            int length = byLength[index].Length;
            var group = new List<ulong[]>();
            while (index < byLength.Count && byLength[index].Length == length) group.Add(byLength[index++].Bits);
            var independent = new List<ulong[]>();
            foreach (var cycle in group)
                if (!InSpan(cycle, basis, pivots)) independent.Add(cycle);
            foreach (var cycle in independent)
            {
                rings.Add(CycleAtoms(cycle, edges));
                ringBondsList.Add(CycleBonds(rings[^1]));
            }
            foreach (var cycle in independent) Insert(cycle, basis, pivots);
            // Cycles longer than the last needed for a full basis are sums of shorter ones.
            if (basis.Count >= cyclomatic) break;
        }
    }

    private static bool InSpan(ulong[] vector, List<ulong[]> basis, List<int> pivots)
    {
        var v = (ulong[])vector.Clone();
        for (int i = 0; i < basis.Count; i++)
            if ((v[pivots[i] >> 6] >> pivots[i] & 1UL) != 0)
                for (int w = 0; w < v.Length; w++) v[w] ^= basis[i][w];
        foreach (var w in v) if (w != 0) return false;
        return true;
    }

    /// <summary>Adds a vector to the row-reduced basis; false when it was dependent.</summary>
    private static bool Insert(ulong[] vector, List<ulong[]> basis, List<int> pivots)
    {
        var v = (ulong[])vector.Clone();
        for (int i = 0; i < basis.Count; i++)
            if ((v[pivots[i] >> 6] >> pivots[i] & 1UL) != 0)
                for (int w = 0; w < v.Length; w++) v[w] ^= basis[i][w];
        int pivot = -1;
        for (int w = 0; w < v.Length && pivot < 0; w++)
            if (v[w] != 0) pivot = w * 64 + System.Numerics.BitOperations.TrailingZeroCount(v[w]);
        if (pivot < 0) return false;
        for (int i = 0; i < basis.Count; i++)
            if ((basis[i][pivot >> 6] >> pivot & 1UL) != 0)
                for (int w = 0; w < v.Length; w++) basis[i][w] ^= v[w];
        basis.Add(v);
        pivots.Add(pivot);
        return true;
    }

    /// <summary>Atoms of a simple cycle given as an edge set, in cyclic order.</summary>
    private int[] CycleAtoms(ulong[] bits, List<int> edges)
    {
        var cycleBonds = new List<int>();
        for (int e = 0; e < edges.Count; e++)
            if ((bits[e >> 6] >> e & 1UL) != 0) cycleBonds.Add(edges[e]);
        var order = new List<int>(cycleBonds.Count);
        int start = mol.Bonds[cycleBonds[0]].Begin;
        int current = start, previousBond = -1;
        do
        {
            order.Add(current);
            int nextBond = -1;
            foreach (var b in mol.BondsOf(current))
                if (b != previousBond && cycleBonds.Contains(b)) { nextBond = b; break; }
            if (nextBond < 0) break;
            previousBond = nextBond;
            current = mol.Bonds[nextBond].Other(current);
        } while (current != start && order.Count <= cycleBonds.Count);
        return [.. order];
    }

    /// <summary>Bonds of a cycle given by its atoms in cyclic order (bond i joins atom i and atom i + 1).</summary>
    private int[] CycleBonds(int[] cycleAtoms)
    {
        var result = new int[cycleAtoms.Length];
        for (int i = 0; i < cycleAtoms.Length; i++)
            result[i] = mol.BondIndexBetween(cycleAtoms[i], cycleAtoms[(i + 1) % cycleAtoms.Length]);
        return result;
    }
}
