namespace BioTransformer.Molecules.Chemistry;

/// <summary>
/// Maximum matching in a general graph (Edmonds' blossom algorithm, O(V³)). Kekulization is a
/// perfect-matching problem on the atoms that need a double bond; fused aromatic systems contain odd
/// rings, so bipartite matching is not enough.
/// </summary>
internal static class Matching
{
    /// <summary>Returns mate[v] (or -1) for a maximum matching of the graph given as adjacency lists.</summary>
    public static int[] Maximum(IReadOnlyList<List<int>> adjacency)
    {
        int n = adjacency.Count;
        var mate = new int[n];
        Array.Fill(mate, -1);
        // Greedy start: most vertices get matched without searching.
        for (int v = 0; v < n; v++)
        {
            if (mate[v] >= 0) continue;
            foreach (var w in adjacency[v])
                if (mate[w] < 0) { mate[v] = w; mate[w] = v; break; }
        }
        var parent = new int[n];
        var baseOf = new int[n];
        var used = new bool[n];
        var blossom = new bool[n];
        var queue = new int[n];
        for (int root = 0; root < n; root++)
        {
            if (mate[root] >= 0) continue;
            int end = FindPath(root);
            while (end >= 0)
            {
                int pv = parent[end], ppv = mate[pv];
                mate[end] = pv;
                mate[pv] = end;
                end = ppv;
            }
        }
        return mate;

        int FindPath(int root)
        {
            Array.Fill(used, false);
            Array.Fill(parent, -1);
            for (int i = 0; i < n; i++) baseOf[i] = i;
            used[root] = true;
            int head = 0, tail = 0;
            queue[tail++] = root;
            while (head < tail)
            {
                int v = queue[head++];
                foreach (var to in adjacency[v])
                {
                    if (baseOf[v] == baseOf[to] || mate[v] == to) continue;
                    if (to == root || (mate[to] >= 0 && parent[mate[to]] >= 0))
                    {
                        int current = LowestCommonAncestor(v, to);
                        Array.Fill(blossom, false);
                        MarkPath(v, current, to);
                        MarkPath(to, current, v);
                        for (int i = 0; i < n; i++)
                        {
                            if (!blossom[baseOf[i]]) continue;
                            baseOf[i] = current;
                            if (!used[i])
                            {
                                used[i] = true;
                                queue[tail++] = i;
                            }
                        }
                    }
                    else if (parent[to] < 0)
                    {
                        parent[to] = v;
                        if (mate[to] < 0) return to;
                        used[mate[to]] = true;
                        queue[tail++] = mate[to];
                    }
                }
            }
            return -1;
        }

        int LowestCommonAncestor(int a, int b)
        {
            var seen = new bool[n];
            while (true)
            {
                a = baseOf[a];
                seen[a] = true;
                if (mate[a] < 0) break;
                a = parent[mate[a]];
            }
            while (true)
            {
                b = baseOf[b];
                if (seen[b]) return b;
                b = parent[mate[b]];
            }
        }

        void MarkPath(int v, int b, int child)
        {
            while (baseOf[v] != b)
            {
                blossom[baseOf[v]] = blossom[baseOf[mate[v]]] = true;
                parent[v] = child;
                child = mate[v];
                v = parent[mate[v]];
            }
        }
    }
}
